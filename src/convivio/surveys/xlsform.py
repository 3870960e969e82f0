"""XLSForm (ODK, KoboToolbox) export and import of a survey.

The sheets are ``survey`` (type, name, label, hint, required, relevant,
parameters), ``choices`` (list_name, name, label) and ``settings`` (form_title,
form_id, default_language).  Kinds map to types:

- single → ``select_one <list>``; multiple → ``select_multiple <list>``
- scale → ``range`` with ``start=… end=… step=1``
- ranking → ``rank <list>``; how many to rank goes in ``parameters`` as
  ``rank_count=3`` is not ODK, so it is kept in a ``convivio_rank_count`` column
  that ODK and Kobo ignore
- number → ``integer`` or ``decimal``; free text → ``text``
- a condition → ``relevant``: ``${q} = 'v'`` or ``selected(${q}, 'v')``

Every language the survey has text in gets its columns, pyxform's way:
``label::English (en)``, ``hint::English (en)`` (and ``label::…`` in the choices
sheet); ``default_language`` names the original the same way.  On import a
column ``label::Português (pt)``, ``label::pt`` or ``label::Portuguese`` is read
as that language: the default language's text (or the plain ``label`` column)
is the original, every other known language's becomes a translation row made by
a person.  A language the platform does not know is used only when no other
label is there.  The form title is the original's only: XLSForm does not
translate it.

On import, groups are flattened and metadata (start, end, today, deviceid…) is
skipped; any other type is refused with its row.  The file is also converted
with pyxform, so that a form ODK would refuse is refused here too.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import IO
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from convivio.core.models import Language, Territory
from convivio.core.translation import Origin, save_translation

from . import permissions, services
from .models import Choice, Question, Survey

#: The survey sheet's columns; ``label`` and ``hint`` become one column per language.
SURVEY_COLUMNS = [
    "type",
    "name",
    "label",
    "hint",
    "required",
    "relevant",
    "parameters",
    "convivio_rank_count",
]
IGNORED_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "begin group",
    "end group",
    "begin_group",
    "end_group",
    "note",
    "calculate",
}
MAX_BYTES = 5 * 1024 * 1024


def _list_name(question: Question) -> str:
    return question.name


def _relevant(question: Question) -> str:
    parent = question.condition_question
    if parent is None:
        return ""
    value = question.condition_value.replace("'", "")
    if parent.kind == Question.Kind.MULTIPLE:
        return f"selected(${{{parent.name}}}, '{value}')"
    return f"${{{parent.name}}} = '{value}'"


def language_column(language: Language) -> str:
    """How pyxform names a language in a column: ``English (en)``."""
    return f"{language.name} ({language.code})"


def _texts(record, languages: list[str], name: str) -> list[str]:
    """``record``'s ``name`` in each language (empty where it has none)."""
    rows = {row.language_id: row for row in record.translations.all()}
    return [getattr(rows[code], name) if code in rows else "" for code in languages]


def export_survey(survey: Survey) -> bytes:
    """The survey as an XLSForm workbook, with a column per language for each
    label and hint."""
    questions = list(
        survey.questions.select_related("condition_question").prefetch_related(
            "translations", "choices__translations"
        )
    )
    codes = {survey.original_language_id}
    codes.update(survey.translations.values_list("language_id", flat=True))
    for q in questions:
        codes.update(row.language_id for row in q.translations.all())
        for c in q.choices.all():
            codes.update(row.language_id for row in c.translations.all())
    languages = sorted(
        Language.objects.filter(pk__in=codes),
        key=lambda lang: (lang.code != survey.original_language_id, lang.code),
    )
    codes_in_order = [lang.code for lang in languages]
    columns = [language_column(lang) for lang in languages]
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(
        [
            "type",
            "name",
            *(f"label::{c}" for c in columns),
            *(f"hint::{c}" for c in columns),
            *SURVEY_COLUMNS[4:],
        ]
    )
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", *(f"label::{c}" for c in columns)])
    for q in questions:
        parameters = ""
        rank_count: int | str = ""
        if q.kind == Question.Kind.SINGLE:
            kind = f"select_one {_list_name(q)}"
        elif q.kind == Question.Kind.MULTIPLE:
            kind = f"select_multiple {_list_name(q)}"
        elif q.kind == Question.Kind.RANKING:
            kind = f"rank {_list_name(q)}"
            rank_count = q.rank_count or ""
        elif q.kind == Question.Kind.SCALE:
            kind = "range"
            low = 1 if q.scale_min is None else q.scale_min
            high = 5 if q.scale_max is None else q.scale_max
            parameters = f"start={low} end={high} step=1"
        elif q.kind == Question.Kind.NUMBER:
            kind = "decimal"
        else:
            kind = "text"
        sheet.append(
            [
                kind,
                q.name,
                *_texts(q, codes_in_order, "label"),
                *_texts(q, codes_in_order, "help_text"),
                "yes" if q.required else "",
                _relevant(q),
                parameters,
                rank_count,
            ]
        )
        if q.kind in services.CHOICE_KINDS:
            for c in q.choices.all():
                choices.append(
                    [_list_name(q), c.value, *_texts(c, codes_in_order, "label")]
                )
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "default_language"])
    settings.append(
        [str(survey), survey.form_id or f"convivio_{survey.pk}", columns[0]]
    )
    out = BytesIO()
    book.save(out)
    return out.getvalue()


# ------------------------------------------------------------ import


def _rows(sheet) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    rows = sheet.iter_rows(values_only=True)
    try:
        header = [str(h or "").strip().lower() for h in next(rows)]
    except StopIteration:
        return [], []
    out = []
    for number, row in enumerate(rows, start=2):
        values = {
            header[i]: ("" if v is None else str(v).strip())
            for i, v in enumerate(row)
            if i < len(header) and header[i]
        }
        if any(values.values()):
            out.append((number, values))
    return header, out


LANGUAGE_IN_PARENTHESES = re.compile(r"\(([^()]+)\)\s*$")


class Languages:
    """Resolves pyxform's language names (``English (en)``, ``en``, ``English``)
    to the platform's languages, case aside."""

    def __init__(self) -> None:
        self.by_key: dict[str, str] = {}
        for code, name, native in Language.objects.values_list(
            "code", "name", "native_name"
        ):
            for key in (code, name, native):
                if key:
                    self.by_key.setdefault(key.strip().lower(), code)

    def resolve(self, spec: str) -> str | None:
        spec = (spec or "").strip().lower()
        if not spec:
            return None
        match = LANGUAGE_IN_PARENTHESES.search(spec)
        if match and match.group(1).strip() in self.by_key:
            return self.by_key[match.group(1).strip()]
        return self.by_key.get(spec)


def _by_language(
    row: dict[str, str], key: str, languages: Languages, original: str
) -> dict[str, str]:
    """The row's ``key`` text per known language; a plain column is the original's."""
    texts: dict[str, str] = {}
    for column, value in row.items():
        if column.startswith(f"{key}::") and value:
            code = languages.resolve(column[len(key) + 2 :])
            if code and code not in texts:
                texts[code] = value
    if row.get(key) and original not in texts:
        texts[original] = row[key]
    return texts


def _label(row: dict[str, str], key: str = "label") -> str:
    if row.get(key):
        return row[key]
    for column, value in row.items():
        if column.startswith(f"{key}::") and value:
            return value
    return ""


def _yes(value: str) -> bool:
    return value.strip().lower() in {"yes", "true", "true()", "1", "y"}


def _parameters(text: str) -> dict[str, str]:
    return dict(
        part.split("=", 1) for part in re.split(r"[\s;,]+", text.strip()) if "=" in part
    )


RELEVANT_EQUALS = re.compile(r"^\$\{(\w+)\}\s*=\s*['\"]([^'\"]+)['\"]$")
RELEVANT_SELECTED = re.compile(
    r"^selected\(\s*\$\{(\w+)\}\s*,\s*['\"]([^'\"]+)['\"]\s*\)$"
)


def _pyxform_errors(data: bytes) -> list[str]:
    try:
        from pyxform.xls2xform import convert
    except ImportError:  # pragma: no cover - pyxform is a dependency
        return []
    try:
        convert(xlsform=BytesIO(data), file_type=".xlsx", validate=False)
    except Exception as error:  # noqa: BLE001 - pyxform raises many kinds
        return [
            _("ODK would refuse this form: %(error)s") % {"error": str(error)[:500]}
        ]
    return []


def _read(upload: IO[bytes] | bytes) -> bytes:
    data = upload if isinstance(upload, bytes) else upload.read()
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    return data


def import_survey(*, user, territory: Territory, upload: IO[bytes] | bytes) -> Survey:
    """A draft survey from an XLSForm; every problem listed by row, nothing saved."""
    permissions.require_build_survey(user, territory)
    raw = _read(upload)
    try:
        book = load_workbook(BytesIO(raw), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError):
        raise ValidationError(
            _("This file is not an XLSForm spreadsheet (.xlsx).")
        ) from None
    names = {name.lower(): name for name in book.sheetnames}
    if "survey" not in names:
        raise ValidationError(_("The spreadsheet has no “survey” sheet."))
    errors: list[str] = []
    header, survey_rows = _rows(book[names["survey"]])
    settings: dict[str, str] = {}
    if "settings" in names:
        _header, settings_rows = _rows(book[names["settings"]])
        if settings_rows:
            settings = settings_rows[0][1]
    languages = Languages()
    # The original: the default language, else the first language column's,
    # else English.
    original = languages.resolve(settings.get("default_language", "")) or next(
        (
            code
            for column in header
            if column.startswith("label::")
            and (code := languages.resolve(column[len("label::") :]))
        ),
        None,
    )
    language = (
        Language.objects.filter(pk=original).first()
        or Language.objects.filter(pk="en").first()
        or Language.objects.first()
    )
    original = language.pk if language else ""
    choice_lists: dict[str, list[tuple[str, str]]] = {}
    #: {list_name: {value: {language: label}}}: the choices' other languages.
    choice_translations: dict[str, dict[str, dict[str, str]]] = {}
    if "choices" in names:
        _header, choice_rows = _rows(book[names["choices"]])
        for number, row in choice_rows:
            list_name = row.get("list_name") or row.get("list name") or ""
            value = row.get("name", "")
            texts = _by_language(row, "label", languages, original)
            label = texts.pop(original, "") or _label(row) or value
            if not list_name or not value:
                errors.append(
                    _("choices, row %(row)s: a choice needs a list_name and a name.")
                    % {"row": number}
                )
                continue
            choice_lists.setdefault(list_name, []).append((value, label))
            choice_translations.setdefault(list_name, {})[value] = texts
    book.close()

    planned: list[
        tuple[
            int,
            services.QuestionData,
            str,
            tuple[str, str] | None,
            dict[str, dict[str, str]],
            str,
        ]
    ] = []
    seen_names: set[str] = set()
    for number, row in survey_rows:
        where = {"row": number}
        kind_text = re.sub(r"\s+", " ", row.get("type", "").strip())
        base, _sep, rest = kind_text.partition(" ")
        base = base.lower()
        if kind_text.lower() in IGNORED_TYPES or base in IGNORED_TYPES:
            continue
        name = row.get("name", "")
        labels = _by_language(row, "label", languages, original)
        hints = _by_language(row, "hint", languages, original)
        label = labels.pop(original, "") or _label(row)
        list_name = ""
        data = services.QuestionData(kind="", label=label, name=name)
        data.help_text = hints.pop(original, "") or _label(row, "hint")
        translations = {
            code: {"label": labels.get(code, ""), "help_text": hints.get(code, "")}
            for code in sorted(set(labels) | set(hints))
        }
        data.required = _yes(row.get("required", ""))
        if base in {"select_one", "select1"}:
            data.kind, list_name = Question.Kind.SINGLE, rest.strip()
        elif base == "select_multiple":
            data.kind, list_name = Question.Kind.MULTIPLE, rest.strip()
        elif base == "rank":
            data.kind, list_name = Question.Kind.RANKING, rest.strip()
            count = row.get("convivio_rank_count", "")
            if count:
                try:
                    data.rank_count = int(float(count))
                except ValueError:
                    errors.append(
                        _("survey, row %(row)s: the rank count must be a number.")
                        % where
                    )
        elif base in {"integer", "decimal"}:
            data.kind = Question.Kind.NUMBER
        elif base in {"text", "string"}:
            data.kind = Question.Kind.TEXT
        elif base == "range":
            data.kind = Question.Kind.SCALE
            params = _parameters(row.get("parameters", ""))
            try:
                data.scale_min = int(float(params.get("start", 1)))
                data.scale_max = int(float(params.get("end", 10)))
                if float(params.get("step", 1)) != 1:
                    raise ValueError
            except ValueError:
                errors.append(
                    _(
                        "survey, row %(row)s: a range needs whole start and end "
                        "values and a step of 1."
                    )
                    % where
                )
        else:
            errors.append(
                _("survey, row %(row)s: the type “%(type)s” is not supported.")
                % {**where, "type": kind_text or "—"}
            )
            continue
        if not name:
            errors.append(_("survey, row %(row)s: the question has no name.") % where)
        elif not re.fullmatch(r"[A-Za-z_][\w.-]*", name):
            errors.append(
                _("survey, row %(row)s: “%(name)s” is not a valid name.")
                % {**where, "name": name}
            )
        elif name in seen_names:
            errors.append(
                _("survey, row %(row)s: the name “%(name)s” is used twice.")
                % {**where, "name": name}
            )
        seen_names.add(name)
        if not label:
            errors.append(_("survey, row %(row)s: the question has no label.") % where)
        if list_name:
            if " " in list_name or list_name not in choice_lists:
                errors.append(
                    _("survey, row %(row)s: the choice list “%(list)s” is missing.")
                    % {**where, "list": list_name}
                )
            else:
                data.choices = choice_lists[list_name]
        elif data.kind in services.CHOICE_KINDS:
            errors.append(
                _("survey, row %(row)s: the type needs a choice list.") % where
            )
        condition = None
        relevant = row.get("relevant", "")
        if relevant:
            match = RELEVANT_EQUALS.match(relevant) or RELEVANT_SELECTED.match(relevant)
            if match is None:
                errors.append(
                    _(
                        "survey, row %(row)s: the condition “%(relevant)s” is not "
                        "supported (use ${question} = 'value' or "
                        "selected(${question}, 'value'))."
                    )
                    % {**where, "relevant": relevant}
                )
            elif match.group(1) not in seen_names - {name}:
                errors.append(
                    _(
                        "survey, row %(row)s: the condition names “%(name)s”, which "
                        "is not a question asked before."
                    )
                    % {**where, "name": match.group(1)}
                )
            else:
                condition = (match.group(1), match.group(2))
        planned.append((number, data, name, condition, translations, list_name))

    if not planned and not errors:
        errors.append(_("The survey sheet has no questions."))
    if not errors:
        errors.extend(_pyxform_errors(raw))
    if errors:
        raise ValidationError(errors)

    title = (
        settings.get("form_title") or settings.get("form_id") or _("Imported survey")
    )
    with transaction.atomic():
        survey = services.survey_create(
            user=user,
            data=services.SurveyData(
                title=title[:300],
                territory=territory,
                # None only without any Language row (core's reference data loads
                # them): the service then refuses the empty code as unknown.
                language=language or original,
                form_id=(settings.get("form_id") or slugify(title))[:100],
            ),
        )
        made: dict[str, Question] = {}
        for number, qdata, name, condition, translations, list_name in planned:
            if condition:
                qdata.condition_question = made[condition[0]]
                qdata.condition_value = condition[1]
            try:
                made[name] = services.question_add(user=user, survey=survey, data=qdata)
            except ValidationError as error:
                messages = "; ".join(error.messages)
                raise ValidationError(
                    _("survey, row %(row)s: %(errors)s")
                    % {"row": number, "errors": messages}
                ) from None
            _save_translations(
                user, made[name], translations, choice_translations.get(list_name, {})
            )
    return survey


def _save_translations(
    user,
    question: Question,
    translations: dict[str, dict[str, str]],
    choices: dict[str, dict[str, str]],
) -> None:
    """The other languages' labels, as translations made by a person (the form's
    author), current against the original just imported."""
    for code, values in translations.items():
        save_translation(question, code, values, user=user, origin=Origin.PERSON)
    if not choices:
        return
    for choice in Choice.objects.filter(question=question):
        for code, label in choices.get(choice.value, {}).items():
            save_translation(
                choice, code, {"label": label}, user=user, origin=Origin.PERSON
            )
