"""Numbers as the reader's language writes them, for pages, e-mails, PDF and DOCX
documents: its decimal separator and its grouping of thousands ("1,234.5" in
English, "1.234,5" in German, "1 234,5" in French), through Django's formats of
the active language.  Files that programs read (CSV, XLSX, JSON, the API) keep
plain numbers and never go through here.

``USE_THOUSAND_SEPARATOR`` stays off: it would group every number a template
prints, ids in links and years included ("2.024"); figures are grouped here, and
in templates with ``floatformat``'s ``g``.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _


def readable_number(
    value: Decimal | int | float | None, *, decimals: int | None = None
) -> str:
    """``value`` rounded to ``decimals`` places when given, without trailing zeros
    ("2.5", "3", "1,250"); "–" for no value."""
    if value is None:
        return "–"
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def format_percent(value: Decimal | int | float) -> str:
    """A percentage with at most one decimal: "73.3 %" in English, "73,3 %" in
    Spanish (each language's catalogue places the sign)."""
    return _("%(number)s %%") % {"number": readable_number(value, decimals=1)}


def megabytes(size: int | float, *, decimals: int = 1) -> str:
    """A size in bytes as a number of megabytes (MiB, as the upload limits are
    set), for "%(size)s MB" in a message."""
    return readable_number(size / 1048576, decimals=decimals)
