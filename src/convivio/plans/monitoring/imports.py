"""Observations in and out of spreadsheets: a template per plan (which is also
the export) and its import, as XLSX or CSV.

The file has one row per indicator, period and disaggregation cell: the row
whose dimension columns are empty holds the period's total, its narrative and
whether all cells are known.  An import checks every row and lists every error
with its row and column; a file with an error saves nothing.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from convivio.core.numbers import megabytes, readable_number

from .. import permissions
from ..cells import cell_key, cell_values
from ..models import Dimension, Indicator, Observation, ObservationRevision, Plan
from .selectors import (
    Axis,
    axes_for_indicators,
    indicator_cells,
    indicator_periods,
    observations_by_key,
    reportable_indicators,
)
from .services import (
    CELLS_NOT_ALL_KNOWN,
    check_period,
    counts_people,
    number_errors,
    number_text,
    observation_check,
    plan_context,
    submit_checked,
)

LEADING = ["indicator_id", "indicator_code", "indicator_name", "period"]
TRAILING = ["value", "narrative", "cells_complete", "status"]
REQUIRED = {"indicator_id", "period", "value"}
#: Columns written for people to read; an import does not use them.
INFORMATIVE = {"indicator_code", "indicator_name", "status"}
TEXT_COLUMNS = {"indicator_code", "indicator_name", "narrative"}
#: Characters that make a spreadsheet read a text as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
YES = {"yes", "y", "true", "1", "sim", "sí", "si", "oui", "ja", "x"}
NO = {"no", "n", "false", "0", "não", "nao", "non", "nein"}
#: An XLSX file may not unpack to more than this many times the upload limit.
MAX_UNPACKED_RATIO = 40
#: Errors kept for the page; the count says how many more there were.
MAX_ERRORS_LISTED = 500


@dataclass
class RowError:
    row: int | None  # the spreadsheet's row number (1 is the header); None: the file
    column: str
    message: str


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add(self, row: int | None, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_LISTED:
            self.errors.append(RowError(row, column, message))


class FileRefused(Exception):
    """The file as a whole cannot be read; the message says why."""


def _indicators_for(user, plan: Plan) -> list[Indicator]:
    indicators = reportable_indicators(user, plan)
    if not indicators and not permissions.can_edit_plan(user, plan):
        raise PermissionDenied(
            _(
                "You can report values only for the indicators of measures your "
                "organisation is responsible for: this plan has none of yours."
            )
        )
    return indicators


def _dimension_columns(axes: dict[int, list[Axis]]) -> list[str]:
    columns: list[str] = []
    for indicator_axes in axes.values():
        for axis in indicator_axes:
            if axis.slug not in columns:
                columns.append(axis.slug)
    return columns


# --- the template and export --------------------------------------------------------


def _template_rows(
    plan: Plan, indicators: list[Indicator], language: str | None, today: date
) -> tuple[list[str], list[list[object]]]:
    axes = axes_for_indicators(indicators, territory_id=plan.territory_id)
    dimensions = _dimension_columns(axes)
    header = [*LEADING, *dimensions, *TRAILING]
    observations = observations_by_key(indicators, with_cells=True)
    rows: list[list[object]] = []
    for indicator in indicators:
        translation = indicator.translation_for(language)
        name = translation.name if translation else ""
        indicator_axes = axes[indicator.pk]
        keys = indicator_cells(indicator_axes) if indicator.is_quantitative else []
        for period in indicator_periods(indicator, plan):
            observation = observations.get((indicator.pk, period.key))
            if observation is None and period.start > today:
                continue
            values = (
                {c.cell: c.value for c in observation.cells.all()}
                if observation
                else {}
            )
            lead = [indicator.pk, indicator.code, name, period.key]
            complete = ""
            if observation and keys:
                complete = "yes" if observation.cells_complete else "no"
            rows.append(
                [
                    *lead,
                    *([""] * len(dimensions)),
                    _number(observation.value) if observation else "",
                    observation.narrative if observation else "",
                    complete,
                    observation.get_status_display() if observation else "",
                ]
            )
            for key in keys:
                chosen = cell_values(key)
                rows.append(
                    [
                        *lead,
                        *(chosen.get(slug, "") for slug in dimensions),
                        _number(values.get(key)),
                        "",
                        "",
                        "",
                    ]
                )
    return header, rows


def _number(value: Decimal | None) -> int | Decimal | str:
    if value is None:
        return ""
    if value == value.to_integral_value():
        return int(value)
    return Decimal(number_text(value))


def observations_workbook(
    plan: Plan,
    *,
    user,
    fmt: str,
    language: str | None = None,
    today: date | None = None,
) -> bytes:
    """The plan's observations template, filled with the values already reported.

    One row per reportable indicator, period begun so far and cell.  The same file,
    filled in, is what ``observations_import`` reads.
    """
    if fmt not in ("xlsx", "csv"):
        raise ValueError(f"unknown format {fmt!r}")
    indicators = _indicators_for(user, plan)
    header, rows = _template_rows(
        plan, indicators, language, today or timezone.localdate()
    )
    if fmt == "csv":
        return _csv_bytes(header, rows)
    return _xlsx_bytes(header, rows)


def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    text_positions = [i for i, name in enumerate(header) if name in TEXT_COLUMNS]
    for row in rows:
        row = list(row)
        for i in text_positions:
            # A text a spreadsheet would run as a formula gets a quote in front.
            text = row[i]
            if isinstance(text, str) and text.startswith(FORMULA_STARTS):
                row[i] = "'" + text
        writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("observations")
    widths = {"indicator_name": 48, "narrative": 48, "indicator_code": 12}
    for i, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = widths.get(name, 14)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head_cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        head_cells.append(cell)
    sheet.append(head_cells)
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, str) and value.startswith("="):
                # Text, never a formula, whatever it starts with.
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    # The first sheet is the one read back; this one only helps a person.
    help_sheet = workbook.create_sheet(pgettext("spreadsheet tab", "help")[:31])
    for line in _help_lines():
        help_sheet.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _help_lines() -> list[str]:
    return [
        _("How to fill in this sheet"),
        _(
            "Each row is an indicator's value for a period, or for one cell of its "
            "disaggregation (the columns between period and value)."
        ),
        _(
            "The row whose dimension columns are empty is the period's total; leave "
            "it empty to have the cells added up."
        ),
        _(
            "Write “no” in cells_complete when not all cells are known: the known "
            "cells may then add up to less than the total."
        ),
        _(
            "Leave a period's rows empty when there is nothing to report; an import "
            "never deletes a value."
        ),
        _(
            "Type numbers, not formulas. indicator_code, indicator_name and status "
            "are there to read: the import does not use them."
        ),
    ]


# --- reading a file -----------------------------------------------------------------


def _read_upload(upload) -> bytes:
    limit = settings.CONVIVIO_IMPORT_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise FileRefused(_too_large(limit))
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(_too_large(limit))
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    return data


def _too_large(limit: int) -> str:
    return _("The file is larger than %(size)s MB: split it into smaller files.") % {
        "size": megabytes(limit)
    }


def _too_many_rows(limit: int) -> str:
    return _("The file has more than %(rows)s rows: split it into smaller files.") % {
        "rows": readable_number(limit)
    }


def _table(data: bytes, name: str) -> list[list[tuple[object, bool]]]:
    """The file's rows, each a list of (value, is_formula), header first."""
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_table(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            _(
                "This is an old Excel file (.xls): save it as an Excel workbook "
                "(.xlsx) or as CSV, then import it again."
            )
        )
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise FileRefused(_("This file is named .xlsx but is not an Excel workbook."))
    return _csv_table(data)


def _xlsx_table(data: bytes) -> list[list[tuple[object, bool]]]:
    not_a_workbook = _(
        "This file is a zip archive, not an Excel workbook (.xlsx): export the "
        "sheet as .xlsx or CSV."
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(not_a_workbook) from None
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise FileRefused(not_a_workbook)
    if unpacked > MAX_UNPACKED_RATIO * settings.CONVIVIO_IMPORT_MAX_BYTES:
        raise FileRefused(
            _("This workbook unpacks to too much data: split it into smaller files.")
        )
    limit = settings.CONVIVIO_IMPORT_MAX_ROWS
    for name in names:
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            if _count_rows(archive, name, limit + 1) > limit + 1:
                raise FileRefused(_too_many_rows(limit))
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                sheet = (
                    workbook["observations"]
                    if "observations" in workbook.sheetnames
                    else workbook.worksheets[0]
                )
                declared = sheet.max_row
                if declared is not None and declared > limit + 1:
                    raise FileRefused(_too_many_rows(limit))
                rows: list[list[tuple[object, bool]]] = []
                for row in sheet.iter_rows():
                    if len(rows) > limit:
                        raise FileRefused(_too_many_rows(limit))
                    rows.append(
                        [
                            (
                                cell.value,
                                getattr(cell, "data_type", None) == "f",
                            )
                            for cell in row
                        ]
                    )
            finally:
                workbook.close()
    except FileRefused:
        raise
    except Exception:  # noqa: BLE001 - any damage in the file gets one message
        raise FileRefused(
            _("This Excel workbook could not be read: it seems damaged.")
        ) from None
    _drop_blank_tail(rows)
    if len(rows) > limit + 1:
        raise FileRefused(_too_many_rows(limit))
    return rows


def _count_rows(archive: zipfile.ZipFile, name: str, stop: int) -> int:
    """The rows of a worksheet, counted in its XML without parsing it (up to stop)."""
    count = 0
    tail = b""
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(1 << 20):
                data = tail + chunk
                count += data.count(b"<row ") + data.count(b"<row>")
                if count > stop:
                    break
                tail = data[-4:]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FileRefused(
            _("This Excel workbook could not be read: it seems damaged.")
        ) from None
    return count


def _csv_table(data: bytes) -> list[list[tuple[object, bool]]]:
    if b"\x00" in data[:65536]:
        raise FileRefused(
            _(
                "This file is neither an Excel workbook (.xlsx) nor a CSV text: "
                "export the sheet as one of them."
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            _(
                "This CSV file is not in UTF-8: save it as “CSV UTF-8” and import "
                "it again."
            )
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    limit = settings.CONVIVIO_IMPORT_MAX_ROWS
    rows: list[list[tuple[object, bool]]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(rows) > limit:
                raise FileRefused(_too_many_rows(limit))
            rows.append([(value, value.startswith("=")) for value in row])
    except csv.Error as error:
        raise FileRefused(
            _("This CSV file could not be read: %(error)s") % {"error": error}
        ) from None
    _drop_blank_tail(rows)
    if len(rows) > limit + 1:
        raise FileRefused(_too_many_rows(limit))
    return rows


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _drop_blank_tail(rows: list[list[tuple[object, bool]]]) -> None:
    while rows and all(_blank(value) for value, _formula in rows[-1]):
        rows.pop()


# --- checking rows ------------------------------------------------------------------


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        text = text[1:]
    return text


def _parse_number(value: object) -> Decimal | None:
    """The number in a cell; ValueError when it holds something else."""
    if _blank(value):
        return None
    if isinstance(value, bool) or isinstance(value, date | datetime):
        raise ValueError
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def _parse_period(value: object) -> str:
    if isinstance(value, datetime | date):
        # A spreadsheet turns "2025-03" into the first of March.
        return f"{value.year}-{value.month:02d}"
    return _text(value)


@dataclass
class _Group:
    indicator: Indicator
    period: str
    first_row: int
    total_row: int | None = None
    value: Decimal | None = None
    narrative: str = ""
    complete: bool | None = None
    cells: dict[str, Decimal] = field(default_factory=dict)
    cell_rows: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.value is None and not self.cells and not self.narrative


def _header(
    raw: list[tuple[object, bool]], known_dimensions: set[str], result: ImportResult
) -> list[str] | None:
    names = [_text(value).lower().replace(" ", "_") for value, _f in raw]
    while names and not names[-1]:
        names.pop()
    known = set(LEADING) | set(TRAILING)
    problems = False
    seen: set[str] = set()
    for position, name in enumerate(names, start=1):
        if not name:
            result.add(
                1,
                "",
                _("Column %(position)s has no name.") % {"position": position},
            )
            problems = True
        elif name in seen:
            result.add(
                1, name, _("The column “%(name)s” appears twice.") % {"name": name}
            )
            problems = True
        elif name not in known and name not in known_dimensions:
            result.add(
                1,
                name,
                _(
                    "Unknown column “%(name)s”: the columns are indicator_id, period, "
                    "one per dimension (such as sex or age), value, narrative and "
                    "cells_complete. Start from the plan's template."
                )
                % {"name": name},
            )
            problems = True
        seen.add(name)
    missing = [name for name in ("indicator_id", "period", "value") if name not in seen]
    if missing:
        result.add(
            1,
            "",
            _("Columns missing: %(columns)s. Start from the plan's template.")
            % {"columns": ", ".join(missing)},
        )
        problems = True
    return None if problems else names


def observations_import(*, user, plan: Plan, upload) -> ImportResult:
    """Check every row of an uploaded XLSX or CSV file, then save all of it or nothing.

    File-level refusals (not a spreadsheet, too large, too many rows, wrong
    columns) and every row's errors come back in ``ImportResult.errors``.
    """
    indicators = _indicators_for(user, plan)
    result = ImportResult()
    if plan.status == Plan.Status.CLOSED:
        result.add(None, "", _("This plan is closed: it takes no new values."))
        return result
    try:
        data = _read_upload(upload)
        table = _table(data, getattr(upload, "name", "") or "")
    except FileRefused as refusal:
        result.add(None, "", str(refusal))
        return result
    if not table:
        result.add(None, "", _("The file is empty."))
        return result
    known_dimensions = set(
        Dimension.objects.filter(
            Q(territory__isnull=True) | Q(territory_id=plan.territory_id)
        ).values_list("slug", flat=True)
    )
    header = _header(table[0], known_dimensions, result)
    if header is None:
        return result
    by_id = {indicator.pk: indicator for indicator in indicators}
    context = plan_context(plan, indicators)
    groups = _check_rows(table, header, by_id, plan, context, result)
    result.rows = len(table) - 1
    if not result.ok:
        return result
    for group in groups.values():
        if group.empty:
            continue
        try:
            observation_check(
                indicator=group.indicator,
                period=group.period,
                value=group.value,
                narrative=group.narrative,
                cells=group.cells,
                cells_complete=group.complete is not False,
                context=context,
            )
        except ValidationError as error:
            _group_errors(group, error, result)
    if not result.ok:
        return result
    _save(user, groups, context, result)
    return result


def _group_errors(group: _Group, error: ValidationError, result: ImportResult) -> None:
    row = group.total_row or group.first_row
    if hasattr(error, "error_dict"):
        items = list(error.error_dict.items())
    else:
        items = [("", error.error_list)]
    for key, errors in items:
        column = "value" if key in ("cells", "value", "__all__", "") else key
        for item in errors:
            message = " ".join(item.messages)
            if item.code == CELLS_NOT_ALL_KNOWN:
                # The page's tick box is a column in the file.
                message = _(
                    "%(message)s (In the file: write “no” in cells_complete.)"
                ) % {"message": message}
            result.add(row, column, message)


def _check_rows(
    table: list[list[tuple[object, bool]]],
    header: list[str],
    by_id: dict[int, Indicator],
    plan: Plan,
    context,
    result: ImportResult,
) -> dict[tuple[int, str], _Group]:
    position = {name: i for i, name in enumerate(header)}
    dimension_columns = [n for n in header if n not in LEADING and n not in TRAILING]
    rows = table[1:]
    other_plans = _indicator_owners(rows, position["indicator_id"], by_id)
    groups: dict[tuple[int, str], _Group] = {}
    for number, raw in enumerate(rows, start=2):
        values = [value for value, _formula in raw]
        if all(_blank(v) for v in values):
            continue

        def get(name: str, raw=raw):
            i = position.get(name)
            return raw[i] if i is not None and i < len(raw) else (None, False)

        row_ok = True
        for i, (value, formula) in enumerate(raw):
            if i >= len(header):
                if not _blank(value):
                    result.add(
                        number,
                        "",
                        _("A value stands outside the named columns: “%(value)s”.")
                        % {"value": _text(value)[:40]},
                    )
                    row_ok = False
                continue
            if formula:
                result.add(
                    number,
                    header[i],
                    _("Formulas are not accepted (%(formula)s): type the value itself.")
                    % {"formula": str(value)[:60]},
                )
                row_ok = False
        if not row_ok:
            continue
        indicator = _row_indicator(
            number, get("indicator_id")[0], by_id, other_plans, plan, result
        )
        if indicator is None:
            continue
        try:
            period = check_period(
                indicator, _parse_period(get("period")[0]), context
            ).key
        except ValidationError as error:
            for message in error.messages:
                result.add(number, "period", message)
            continue
        axes = context.axes.get(indicator.pk, [])
        chosen, cell_ok = _row_cell(
            number, raw, header, dimension_columns, indicator, axes, result
        )
        try:
            value = _parse_number(get("value")[0])
        except ValueError:
            result.add(
                number,
                "value",
                _("“%(value)s” is not a number.")
                % {"value": _text(get("value")[0])[:60]},
            )
            continue
        if value is not None:
            problems = number_errors(value, people=counts_people(indicator))
            for message in problems:
                result.add(number, "value", message)
            if problems:
                continue
        if not cell_ok:
            continue
        narrative = _text(get("narrative")[0])
        complete_text = _text(get("cells_complete")[0]).lower()
        complete: bool | None = None
        if complete_text in YES:
            complete = True
        elif complete_text in NO:
            complete = False
        elif complete_text:
            result.add(
                number,
                "cells_complete",
                _("Write yes or no in cells_complete, not “%(value)s”.")
                % {"value": complete_text[:30]},
            )
            continue
        key = (indicator.pk, period)
        group = groups.setdefault(key, _Group(indicator, period, number))
        if chosen is None:
            if group.total_row is not None:
                result.add(
                    number,
                    "period",
                    _("The total of this period is given again (first on row %(row)s).")
                    % {"row": group.total_row},
                )
                continue
            group.total_row = number
            group.value = value
            group.narrative = narrative
        else:
            cell = cell_key(chosen)
            if cell in group.cell_rows:
                result.add(
                    number,
                    "",
                    _("The same cell is given again (first on row %(row)s).")
                    % {"row": group.cell_rows[cell]},
                )
                continue
            group.cell_rows[cell] = number
            if narrative:
                result.add(
                    number,
                    "narrative",
                    _(
                        "Write the narrative on the period's total row (the one "
                        "without dimension values)."
                    ),
                )
                continue
            if value is not None:
                group.cells[cell] = value
        if complete is not None:
            if group.complete is not None and group.complete != complete:
                result.add(
                    number,
                    "cells_complete",
                    _("cells_complete says yes and no for the same period."),
                )
                continue
            group.complete = complete
    return groups


def _indicator_owners(
    rows: list[list[tuple[object, bool]]], column: int, by_id: dict[int, Indicator]
) -> dict[int, int]:
    """The plan of every indicator the file names that is not reportable here."""
    ids: set[int] = set()
    for raw in rows:
        if column < len(raw):
            try:
                ids.add(int(_text(raw[column][0])))
            except ValueError:
                pass
    unknown = ids - set(by_id)
    if not unknown:
        return {}
    return dict(
        Indicator.objects.filter(pk__in=unknown, deleted_at__isnull=True).values_list(
            "pk", "plan_id"
        )
    )


def _row_indicator(
    number: int,
    value: object,
    by_id: dict[int, Indicator],
    other_plans: dict[int, int],
    plan: Plan,
    result: ImportResult,
) -> Indicator | None:
    text = _text(value)
    if not text:
        result.add(number, "indicator_id", _("The indicator number is missing."))
        return None
    try:
        pk = int(text)
    except ValueError:
        result.add(
            number,
            "indicator_id",
            _("“%(value)s” is not an indicator number.") % {"value": text[:40]},
        )
        return None
    indicator = by_id.get(pk)
    if indicator is not None:
        return indicator
    plan_id = other_plans.get(pk)
    if plan_id is None:
        message = _("There is no indicator %(id)s in this plan.") % {"id": pk}
    elif plan_id != plan.pk:
        message = _(
            "Indicator %(id)s belongs to another plan: import it from that plan's page."
        ) % {"id": pk}
    else:
        message = _(
            "You cannot report indicator %(id)s: your organisation is not responsible "
            "for its measure."
        ) % {"id": pk}
    result.add(number, "indicator_id", message)
    return None


def _row_cell(
    number: int,
    raw: list[tuple[object, bool]],
    header: list[str],
    dimension_columns: list[str],
    indicator: Indicator,
    axes: list[Axis],
    result: ImportResult,
) -> tuple[dict[str, str] | None, bool]:
    """The row's cell as {slug: code} (None for the total), and whether it is right."""
    by_slug = {axis.slug: axis for axis in axes}
    chosen: dict[str, str] = {}
    ok = True
    for slug in dimension_columns:
        i = header.index(slug)
        text = _text(raw[i][0]) if i < len(raw) else ""
        if not text:
            continue
        axis = by_slug.get(slug)
        if axis is None:
            result.add(
                number,
                slug,
                _("Indicator %(id)s is not disaggregated by %(dimension)s.")
                % {"id": indicator.pk, "dimension": slug},
            )
            ok = False
            continue
        if text not in axis.codes:
            matches = [c for c in axis.codes if c.lower() == text.lower()]
            if len(matches) == 1:
                text = matches[0]
            else:
                result.add(
                    number,
                    slug,
                    _(
                        "“%(code)s” is not a value of %(dimension)s for indicator "
                        "%(id)s (its values are %(values)s)."
                    )
                    % {
                        "code": text[:40],
                        "dimension": axis.name,
                        "id": indicator.pk,
                        "values": ", ".join(axis.codes[:20])
                        + ("…" if len(axis.codes) > 20 else ""),
                    },
                )
                ok = False
                continue
        chosen[slug] = text
    if not chosen:
        return None, ok
    if ok and len(chosen) != len(axes):
        result.add(
            number,
            "",
            _(
                "Fill in every dimension of indicator %(id)s (%(dimensions)s), or "
                "none for the period's total."
            )
            % {"id": indicator.pk, "dimensions": ", ".join(a.slug for a in axes)},
        )
        ok = False
    return chosen, ok


class _Rollback(Exception):
    pass


def _save(user, groups: dict, context, result: ImportResult) -> None:
    wanted = [g for g in groups.values() if not g.empty]
    before = _versions(wanted)
    try:
        with transaction.atomic():
            for group in wanted:
                try:
                    observation = submit_checked(
                        user=user,
                        indicator=group.indicator,
                        period=group.period,
                        value=group.value,
                        narrative=group.narrative,
                        cells=group.cells,
                        cells_complete=group.complete is not False,
                        action=ObservationRevision.Action.IMPORTED,
                        context=context,
                    )
                except (ValidationError, PermissionDenied) as error:
                    messages = getattr(error, "messages", None) or [str(error)]
                    for message in messages:
                        result.add(group.total_row or group.first_row, "", message)
                    continue
                old = before.get((group.indicator.pk, group.period))
                if old is None:
                    result.created += 1
                elif observation.version != old:
                    result.changed += 1
                else:
                    result.unchanged += 1
            if not result.ok:
                raise _Rollback
    except _Rollback:
        result.created = result.changed = result.unchanged = 0


def _versions(groups: Iterable[_Group]) -> dict[tuple[int, str], int]:
    ids = {g.indicator.pk for g in groups}
    if not ids:
        return {}
    return {
        (indicator_id, period): version
        for indicator_id, period, version in Observation.objects.filter(
            indicator_id__in=ids
        ).values_list("indicator_id", "period", "version")
    }
