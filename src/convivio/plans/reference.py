"""Code lists and plan templates every installation starts with.

The disaggregation dimensions are loaded by a data migration; territory teams add
their own lists and values.  The templates are the structures plans start from:
the thirteen areas of the Portuguese municipal plans for the integration of
immigrants (PMII) and the five axes of the EnFeM local plans for migrant women.
"""

from django.utils.translation import gettext_noop as N_

# slug, name, counts people
DIMENSIONS: list[tuple[str, str, bool]] = [
    ("sex", N_("Sex"), True),
    ("age", N_("Age band"), True),
    ("nationality", N_("Nationality"), True),
    ("province", N_("Province"), True),
    ("municipality", N_("Municipality"), True),
]

SEXES: list[tuple[str, str]] = [
    ("F", N_("Women")),
    ("M", N_("Men")),
    ("X", N_("Other or not stated")),
]

AGE_BANDS: list[tuple[str, str]] = [
    ("0-17", N_("Under 18")),
    ("18-24", N_("18 to 24")),
    ("25-34", N_("25 to 34")),
    ("35-44", N_("35 to 44")),
    ("45-54", N_("45 to 54")),
    ("55-64", N_("55 to 64")),
    ("65+", N_("65 and over")),
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
        ("1", N_("Reception and integration services"), "reception"),
        ("2", N_("Urbanism and housing"), "housing"),
        ("3", N_("Labour market and entrepreneurship"), "employment"),
        ("4", N_("Education and language"), "education"),
        ("5", N_("Capacity building and training"), "training"),
        ("6", N_("Culture"), "culture"),
        ("7", N_("Health"), "health"),
        ("8", N_("Solidarity and social response"), "social-services"),
        ("9", N_("Citizenship and civic participation"), "participation"),
        ("10", N_("Media and public awareness"), "awareness"),
        ("11", N_("Racism and discrimination"), "anti-discrimination"),
        ("12", N_("International relations"), "international-relations"),
        ("13", N_("Religion"), "religion"),
    ],
    "enfem": [
        ("AXIS 1", N_("Vocational training and work"), "employment"),
        ("AXIS 2", N_("Health"), "health"),
        (
            "AXIS 3",
            N_("Intercultural exchange and anti-discrimination"),
            "anti-discrimination",
        ),
        ("AXIS 4", N_("Awareness of the host society"), "awareness"),
        (
            "AXIS 5",
            N_("Relations with politicians, institutions, associations and schools"),
            "participation",
        ),
    ],
}
