"""Code lists and plan templates every installation starts with.

The disaggregation dimensions are loaded by a data migration; territory teams add
their own lists and values.  The templates are the structures plans start from:
the thirteen areas of the Portuguese municipal plans for the integration of
immigrants (PMII) and the five axes of the EnFeM local plans for migrant women.
"""

# gettext_noop under its own name: makemessages extracts it, not an alias (N_).
from django.utils.translation import gettext_noop

# slug, name, counts people
DIMENSIONS: list[tuple[str, str, bool]] = [
    ("sex", gettext_noop("Sex"), True),
    ("age", gettext_noop("Age band"), True),
    ("nationality", gettext_noop("Nationality"), True),
    ("province", gettext_noop("Province"), True),
    ("municipality", gettext_noop("Municipality"), True),
]

SEXES: list[tuple[str, str]] = [
    ("F", gettext_noop("Women")),
    ("M", gettext_noop("Men")),
    ("X", gettext_noop("Other or not stated")),
]

AGE_BANDS: list[tuple[str, str]] = [
    ("0-17", gettext_noop("Under 18")),
    ("18-24", gettext_noop("18 to 24")),
    ("25-34", gettext_noop("25 to 34")),
    ("35-44", gettext_noop("35 to 44")),
    ("45-54", gettext_noop("45 to 54")),
    ("55-64", gettext_noop("55 to 64")),
    ("65+", gettext_noop("65 and over")),
]


def nationalities() -> list[tuple[str, str]]:
    """ISO 3166-1 alpha-2 codes and English names, from the pycountry package."""
    import pycountry

    return sorted(
        ((c.alpha_2, getattr(c, "common_name", c.name)) for c in pycountry.countries),
        key=lambda item: item[1],
    )


# Template key → [(code, area name, theme slug)]
PLAN_TEMPLATES: dict[str, list[tuple[str, str, str]]] = {
    "pmii": [
        ("1", gettext_noop("Reception and integration services"), "reception"),
        ("2", gettext_noop("Urbanism and housing"), "housing"),
        ("3", gettext_noop("Labour market and entrepreneurship"), "employment"),
        ("4", gettext_noop("Education and language"), "education"),
        ("5", gettext_noop("Capacity building and training"), "training"),
        ("6", gettext_noop("Culture"), "culture"),
        ("7", gettext_noop("Health"), "health"),
        ("8", gettext_noop("Solidarity and social response"), "social-services"),
        ("9", gettext_noop("Citizenship and civic participation"), "participation"),
        ("10", gettext_noop("Media and public awareness"), "awareness"),
        ("11", gettext_noop("Racism and discrimination"), "anti-discrimination"),
        ("12", gettext_noop("International relations"), "international-relations"),
        ("13", gettext_noop("Religion"), "religion"),
    ],
    "enfem": [
        ("AXIS 1", gettext_noop("Vocational training and work"), "employment"),
        ("AXIS 2", gettext_noop("Health"), "health"),
        (
            "AXIS 3",
            gettext_noop("Intercultural exchange and anti-discrimination"),
            "anti-discrimination",
        ),
        ("AXIS 4", gettext_noop("Awareness of the host society"), "awareness"),
        (
            "AXIS 5",
            gettext_noop(
                "Relations with politicians, institutions, associations and schools"
            ),
            "participation",
        ),
    ],
}
