"""The demo's documents go through the same pipeline as a user's upload.

`load_demo` ingests the five seed documents (../shared/seeds beside the checkout,
or CONVIVIO_SEEDS_DIR) or, where they are missing, the sample documents written
by us in ``samples/``; then it accepts the drafts as a reviewer would (with the
themes and target groups suggested from their text), publishes the practices,
adopts the plans (a plan whose years the text does not give has its period
"not stated") and makes the documents public.  Drafts that still need a
person's answer stay in the review queue.  Loading again changes nothing: the
same files are the same documents.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from convivio.core.models import Territory, User
from convivio.ingest import services, tasks
from convivio.ingest.models import Draft, IngestJob
from convivio.library.models import Document
from convivio.plans import services as plan_services
from convivio.plans.models import Plan
from convivio.practices import services as practice_services
from convivio.practices.models import Practice

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"

#: Places the seed plans are for, so that their drafts find a territory
#: (name, ISO country code).  Facts named in seed 000, not its text.
PLACES = [
    ("Lecce", "IT"),
    ("Pisa", "IT"),
    ("Hamburg", "DE"),
    ("Maribor", "SI"),
    ("Brussels", "BE"),
    ("Wallonia", "BE"),
    ("Riverside", "PT"),
]


#: Titles for the library, by the seed file's number (the files are named by hash).
TITLES = {
    "000": "EnFeM: local action plans for the inclusion of migrant women",
    "001": "HER: good practices with mothers of a migration background",
    "002": "Thematic network on the health and poverty of migrants, 2009–2011",
    "003": "Municipal plans for the integration of immigrants in Portugal: the method",
    "004": "ASAP: ghid de bune practici pentru accesul migranților la servicii",
    "local-plan-riverside": "Local integration plan of Riverside 2025–2027 (sample)",
    "practices-partner-cities": "Practices shared by partner cities (sample)",
}


@dataclass
class Ingested:
    filename: str
    job: IngestJob
    accepted: int = 0
    waiting: list[str] = field(default_factory=list)


def seeds_dir() -> Path:
    default = settings.BASE_DIR.parent / "shared" / "seeds"
    return Path(os.environ.get("CONVIVIO_SEEDS_DIR", default))


def demo_files() -> list[Path]:
    """The seed documents where they exist, else our sample documents."""
    seeds = sorted(seeds_dir().glob("*.txt"))
    return seeds or sorted(SAMPLES_DIR.glob("*.txt"))


def _places() -> None:
    for name, country_code in PLACES:
        country = Territory.objects.get(iso_code=country_code)
        Territory.objects.get_or_create(
            name=name,
            country_code=country_code,
            defaults={"kind": Territory.Kind.MUNICIPALITY, "parent": country},
        )


def demo_ingest(user: User) -> list[Ingested]:
    """Ingest the demo documents as ``user`` (an administrator) and accept them."""
    _places()
    done: list[Ingested] = []
    for path in demo_files():
        job = services.document_ingest(
            user=user,
            data=path.read_bytes(),
            filename=path.name,
            title=TITLES.get(path.stem.split("_")[0]),
        )
        if job.status == IngestJob.Status.QUEUED:
            # Run now rather than wait for the worker, so the demo is ready at once.
            tasks.job_run(job.pk)
            job.refresh_from_db()
        item = Ingested(filename=path.name, job=job)
        if job.status == IngestJob.Status.DONE:
            left = services.drafts_accept_all(user=user, job=job)
            item.waiting = [f"{draft.title}: {why}" for draft, why in left]
            item.accepted = job.drafts.filter(status=Draft.Status.ACCEPTED).count()
            _publish(job, user)
        done.append(item)
    return done


def _publish(job: IngestJob, user: User) -> None:
    """Practices accepted from the demo documents are published, plans adopted,
    and the documents public, as the moderator and the team would do after the
    review."""
    plan_keys = [
        services.source_key(job, draft)
        for draft in job.drafts.filter(
            kind=Draft.Kind.PLAN, status=Draft.Status.ACCEPTED
        )
    ]
    for plan in Plan.objects.filter(source_key__in=plan_keys, status=Plan.Status.DRAFT):
        plan_services.plan_transition(user=user, plan=plan, status=Plan.Status.ADOPTED)
    keys = [
        services.source_key(job, draft)
        for draft in job.drafts.filter(
            kind=Draft.Kind.PRACTICE, status=Draft.Status.ACCEPTED
        )
    ]
    for practice in Practice.objects.filter(
        source_key__in=keys, status=Practice.Status.DRAFT
    ):
        practice_services.practice_transition(
            user=None, practice=practice, action="published", by_system=True
        )
    Document.objects.filter(pk=job.document_id, is_public=False).update(is_public=True)
