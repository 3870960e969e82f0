"""Observations in and out of XLSX and CSV: the template, the import, bad files."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from convivio.plans.models import Indicator, Observation, ObservationRevision
from convivio.plans.monitoring import services as monitoring
from convivio.plans.monitoring.imports import observations_import, observations_workbook

from .factories import make_indicator, make_node, make_observation, make_responsibility

HEADER = [
    "indicator_id",
    "indicator_code",
    "indicator_name",
    "period",
    "sex",
    "age",
    "value",
    "narrative",
    "cells_complete",
    "status",
]


def upload(data: bytes, name: str = "values.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: list[list[object]], delimiter: str = ",", bom: bool = False
) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode()


def errors_of(result) -> list[tuple[int | None, str, str]]:
    return [(e.row, e.column, e.message) for e in result.errors]


def all_text(result) -> str:
    return " | ".join(e.message for e in result.errors)


@pytest.fixture
def simple(measure):
    return make_indicator(measure, "Classes held", unit="classes", code="4.1.1.b")


@pytest.fixture
def rows(indicator, simple):
    """A filled-in file: learners by sex and age for 2025, classes for 2025."""
    i, s = indicator.pk, simple.pk
    return [
        [
            "indicator_id",
            "period",
            "sex",
            "age",
            "value",
            "narrative",
            "cells_complete",
        ],
        [i, "2025", "", "", "", "Evening groups", ""],
        [i, "2025", "F", "18-24", 10, "", ""],
        [i, "2025", "F", "25-34", 20, "", ""],
        [i, "2025", "M", "18-24", 12, "", ""],
        [i, "2025", "M", "25-34", 15, "", ""],
        [s, "2025", "", "", "14", "", ""],
    ]


def test_template_has_a_row_per_indicator_period_and_cell(
    team, plan, indicator, simple
):
    data = observations_workbook(plan, user=team, fmt="xlsx")
    sheet = load_workbook(io.BytesIO(data))["observations"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == HEADER
    learners = [r for r in values[1:] if r[0] == indicator.pk]
    # 3 years × (1 total + 4 cells)
    assert len(learners) == 15
    assert [r[3] for r in learners[:5]] == ["2024"] * 5
    assert {(r[4], r[5]) for r in learners[:5]} == {
        (None, None),
        ("F", "18-24"),
        ("F", "25-34"),
        ("M", "18-24"),
        ("M", "25-34"),
    }
    classes = [r for r in values[1:] if r[0] == simple.pk]
    assert [r[1] for r in classes] == ["4.1.1.b"] * 3
    assert [r[2] for r in classes] == ["Classes held"] * 3


def test_template_is_the_export(team, plan, indicator):
    make_observation(
        indicator,
        "2024",
        30,
        cells={(("sex", "F"), ("age", "18-24")): 30},
        narrative='=HYPERLINK("http://x")',
    )
    data = observations_workbook(plan, user=team, fmt="xlsx")
    sheet = load_workbook(io.BytesIO(data))["observations"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    total = values[1]
    assert total[3] == "2024" and total[6] == 30
    assert total[9] == "validated"
    # Text that looks like a formula is written as text.
    narrative_cell = sheet.cell(row=2, column=8)
    assert narrative_cell.data_type == "s"
    female = next(
        r for r in values if r[3] == "2024" and r[4] == "F" and r[5] == "18-24"
    )
    assert female[6] == 30
    text = observations_workbook(plan, user=team, fmt="csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_template_future_periods_left_out(team, plan, simple):
    from datetime import date

    data = observations_workbook(plan, user=team, fmt="csv", today=date(2025, 6, 1))
    periods = [line.split(",")[3] for line in data.decode("utf-8-sig").splitlines()[1:]]
    assert periods == ["2024", "2025"]


def test_reporter_template_has_only_their_indicators(
    reporter, other_reporter, plan, measure, objective, other_partner, simple
):
    theirs = make_node(plan, "Sports club", parent=objective, code="4.1.2")
    make_responsibility(theirs, other_partner)
    other = make_indicator(theirs, "Members", unit="people")
    text = observations_workbook(plan, user=reporter, fmt="csv").decode("utf-8-sig")
    ids = {int(line.split(",")[0]) for line in text.splitlines()[1:]}
    assert simple.pk in ids and other.pk not in ids
    text = observations_workbook(plan, user=other_reporter, fmt="csv").decode(
        "utf-8-sig"
    )
    assert {int(line.split(",")[0]) for line in text.splitlines()[1:]} == {other.pk}


def test_template_refused_to_strangers(stranger, other_team, plan, simple):
    for person in (stranger, other_team):
        with pytest.raises(PermissionDenied):
            observations_workbook(plan, user=person, fmt="xlsx")


def test_xlsx_import(reporter, plan, indicator, simple, rows):
    result = observations_import(user=reporter, plan=plan, upload=upload(xlsx(rows)))
    assert result.ok, errors_of(result)
    assert (result.created, result.changed) == (2, 0)
    learners = Observation.objects.get(indicator=indicator, period="2025")
    assert learners.value == 57
    assert learners.narrative == "Evening groups"
    assert learners.cells.count() == 4
    assert learners.revisions.get().action == "imported"
    assert Observation.objects.get(indicator=simple).value == 14


def test_roundtrip_changes_nothing(team, plan, indicator, simple, rows):
    observations_import(user=team, plan=plan, upload=upload(xlsx(rows)))
    exported = observations_workbook(plan, user=team, fmt="xlsx")
    result = observations_import(user=team, plan=plan, upload=upload(exported))
    assert result.ok, errors_of(result)
    assert (result.created, result.changed, result.unchanged) == (0, 0, 2)
    exported_csv = observations_workbook(plan, user=team, fmt="csv")
    result = observations_import(
        user=team, plan=plan, upload=upload(exported_csv, "values.csv")
    )
    assert result.ok, errors_of(result)
    assert result.unchanged == 2
    assert ObservationRevision.objects.count() == 2


def test_filled_template_imports(team, plan, indicator, simple):
    """The downloaded template, filled in as a person would, imports."""
    data = observations_workbook(plan, user=team, fmt="xlsx")
    book = load_workbook(io.BytesIO(data))
    sheet = book["observations"]
    for row in sheet.iter_rows(min_row=2):
        if row[3].value == "2024" and row[0].value == indicator.pk and row[4].value:
            row[6].value = 5
        if row[3].value == "2024" and row[0].value == simple.pk:
            row[6].value = 9
    buffer = io.BytesIO()
    book.save(buffer)
    result = observations_import(user=team, plan=plan, upload=upload(buffer.getvalue()))
    assert result.ok, errors_of(result)
    assert result.created == 2
    assert Observation.objects.get(indicator=indicator).value == 20


def test_csv_with_semicolons_and_bom(reporter, plan, indicator, simple, rows):
    rows[6][4] = "14,5"  # a decimal comma
    simple.unit = "hours"
    simple.save()
    data = csv_bytes(rows, delimiter=";", bom=True)
    result = observations_import(user=reporter, plan=plan, upload=upload(data, "v.csv"))
    assert result.ok, errors_of(result)
    assert Observation.objects.get(indicator=simple).value == Decimal("14.5")


def test_wrong_columns(reporter, plan, rows):
    rows[0][4] = "amount"
    result = observations_import(user=reporter, plan=plan, upload=upload(xlsx(rows)))
    assert not result.ok
    messages = all_text(result)
    assert "Unknown column “amount”" in messages
    assert "Columns missing: value" in messages
    assert errors_of(result)[0][0] == 1
    assert not Observation.objects.exists()


def test_text_in_numbers(reporter, plan, rows):
    rows[2][4] = "ten"
    rows[6][4] = "n/a"
    result = observations_import(user=reporter, plan=plan, upload=upload(xlsx(rows)))
    assert [(e[0], e[1]) for e in errors_of(result)] == [(3, "value"), (7, "value")]
    assert "“ten” is not a number" in all_text(result)
    assert not Observation.objects.exists()


def test_formulas_refused(reporter, plan, rows):
    rows[6][4] = "=SUM(E3:E6)"
    result = observations_import(user=reporter, plan=plan, upload=upload(xlsx(rows)))
    assert errors_of(result) and errors_of(result)[0][:2] == (7, "value")
    assert "Formulas are not accepted" in all_text(result)
    result = observations_import(
        user=reporter, plan=plan, upload=upload(csv_bytes(rows), "v.csv")
    )
    assert "Formulas are not accepted" in all_text(result)
    assert not Observation.objects.exists()


def test_hundred_thousand_rows_refused_before_reading_them(
    reporter, plan, indicator, monkeypatch
):
    """Refused while reading, before any row is checked: a CSV reads no more
    than the limit's rows, a workbook is refused from its XML row count without
    being opened.  (make bench times both refusals.)"""
    import openpyxl

    from convivio.plans.monitoring import imports

    checked: list[int] = []
    monkeypatch.setattr(
        imports, "_check_rows", lambda *args, **kw: checked.append(1) or {}
    )
    read = [0]
    real_reader = imports.csv.reader

    def counting_reader(*args, **kwargs):
        for row in real_reader(*args, **kwargs):
            read[0] += 1
            yield row

    monkeypatch.setattr(imports.csv, "reader", counting_reader)
    lines = ["indicator_id,period,value"] + [f"{indicator.pk},2025,1"] * 100_000
    data = "\n".join(lines).encode()
    result = observations_import(user=reporter, plan=plan, upload=upload(data, "a.csv"))
    assert "more than 20,000 rows" in all_text(result)
    assert read[0] <= 20_000 + 2  # the header, the limit, the one too many

    book = Workbook(write_only=True)
    sheet = book.create_sheet("observations")
    sheet.append(["indicator_id", "period", "value"])
    for _ in range(100_000):
        sheet.append([indicator.pk, "2025", 1])
    buffer = io.BytesIO()
    book.save(buffer)

    def not_opened(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", not_opened)
    result = observations_import(
        user=reporter, plan=plan, upload=upload(buffer.getvalue())
    )
    assert "more than 20,000 rows" in all_text(result)
    assert not checked
    assert not Observation.objects.exists()


def test_too_large_file(reporter, plan, rows, settings):
    settings.CONVIVIO_IMPORT_MAX_BYTES = 1000
    result = observations_import(
        user=reporter, plan=plan, upload=upload(b"x" * 2000, "big.csv")
    )
    assert "larger than" in all_text(result)


def test_zip_that_is_not_a_spreadsheet(reporter, plan, indicator):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8 not really")
    result = observations_import(
        user=reporter, plan=plan, upload=upload(buffer.getvalue(), "values.xlsx")
    )
    assert "zip archive, not an Excel workbook" in all_text(result)


def test_damaged_workbook(reporter, plan, rows):
    data = xlsx(rows)
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w") as out,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/workbook.xml":
                content = b"<workbook><broken"
            out.writestr(info, content)
    result = observations_import(
        user=reporter, plan=plan, upload=upload(buffer.getvalue())
    )
    assert "could not be read" in all_text(result)


def test_random_bytes_and_old_excel(reporter, plan, indicator):
    noise = bytes(range(256)) * 8
    result = observations_import(
        user=reporter, plan=plan, upload=upload(noise, "x.csv")
    )
    assert "neither an Excel workbook (.xlsx) nor a CSV" in all_text(result)
    result = observations_import(
        user=reporter, plan=plan, upload=upload(b"\xd0\xcf\x11\xe0" + noise, "x.xls")
    )
    assert "old Excel file" in all_text(result)
    result = observations_import(
        user=reporter, plan=plan, upload=upload("é".encode("latin-1") * 10, "x.csv")
    )
    assert "not in UTF-8" in all_text(result)
    result = observations_import(user=reporter, plan=plan, upload=upload(b"", "x.csv"))
    assert "empty" in all_text(result)


def test_indicator_errors(
    reporter, plan, other_plan, objective, other_partner, simple, rows
):
    theirs = make_node(plan, "Sports club", parent=objective, code="4.1.2")
    make_responsibility(theirs, other_partner)
    not_mine = make_indicator(theirs, "Members", unit="people")
    elsewhere = make_indicator(
        make_node(other_plan, "Elsewhere", kind="measure"), "Other", unit="people"
    )
    rows += [
        [elsewhere.pk, "2025", "", "", 1, "", ""],
        [not_mine.pk, "2025", "", "", 1, "", ""],
        [999999, "2025", "", "", 1, "", ""],
        ["abc", "2025", "", "", 1, "", ""],
    ]
    result = observations_import(user=reporter, plan=plan, upload=upload(xlsx(rows)))
    errors = errors_of(result)
    assert [e[0] for e in errors] == [8, 9, 10, 11]
    assert "belongs to another plan" in errors[0][2]
    assert "You cannot report indicator" in errors[1][2]
    assert "no indicator 999999 in this plan" in errors[2][2]
    assert "not an indicator number" in errors[3][2]
    assert not Observation.objects.exists()


def test_period_errors(team, reporter, plan, rows):
    monitoring.period_lock(user=team, plan=plan, period="2024")
    rows += [
        [rows[6][0], "2030", "", "", 1, "", ""],
        [rows[6][0], "2025-Q1", "", "", 1, "", ""],
        [rows[6][0], "2024", "", "", 1, "", ""],
        [rows[6][0], "someday", "", "", 1, "", ""],
    ]
    result = observations_import(user=reporter, plan=plan, upload=upload(xlsx(rows)))
    errors = errors_of(result)
    assert [(e[0], e[1]) for e in errors] == [(r, "period") for r in (8, 9, 10, 11)]
    assert "outside the plan" in errors[0][2]
    assert "not 2025-Q1" in errors[1][2]
    assert "locked" in errors[2][2]
    assert "not a period" in errors[3][2]
    assert not Observation.objects.exists()


def test_unknown_cells(reporter, plan, rows, simple):
    rows[0].append("nationality")
    for row in rows[1:]:
        row.append("")
    rows[2][2] = "W"  # not a value of sex
    rows[3][7] = "MA"  # the indicator is not by nationality
    rows[4][3] = ""  # half a cell
    rows[6][2] = "F"  # the simple indicator has no dimensions
    result = observations_import(user=reporter, plan=plan, upload=upload(xlsx(rows)))
    errors = errors_of(result)
    assert [(e[0], e[1]) for e in errors] == [
        (3, "sex"),
        (4, "nationality"),
        (5, ""),
        (7, "sex"),
    ]
    assert "“W” is not a value of Sex" in errors[0][2]
    assert "not disaggregated by nationality" in errors[1][2]
    assert "Fill in every dimension" in errors[2][2]
    assert "not disaggregated by sex" in errors[3][2]
    assert not Observation.objects.exists()


def test_sum_mismatch_named_on_the_total_row(reporter, plan, rows):
    rows[1][4] = 60
    result = observations_import(user=reporter, plan=plan, upload=upload(xlsx(rows)))
    ((row, column, message),) = errors_of(result)
    assert (row, column) == (2, "value")
    assert "add up to 57 but the total is 60" in message
    assert "write “no” in cells_complete" in message
    rows[1][6] = "no"
    rows[2][4] = ""  # one cell unknown
    result = observations_import(user=reporter, plan=plan, upload=upload(xlsx(rows)))
    assert result.ok, errors_of(result)
    observation = Observation.objects.get(indicator_id=rows[1][0])
    assert (observation.value, observation.cells_complete) == (60, False)


def test_duplicates_negative_people_and_stray_values(reporter, plan, rows):
    rows.append(list(rows[3]))
    rows.append(list(rows[1]))
    rows[4][4] = -2
    rows[5].append("stray")
    result = observations_import(user=reporter, plan=plan, upload=upload(xlsx(rows)))
    errors = errors_of(result)
    assert [(e[0], e[1]) for e in errors] == [
        (5, "value"),
        (6, ""),
        (8, ""),
        (9, "period"),
    ]
    assert "cannot be negative" in errors[0][2]
    assert "outside the named columns" in errors[1][2]
    assert "given again (first on row 4)" in errors[2][2]
    assert "total of this period is given again" in errors[3][2]


def test_blank_rows_are_nothing_to_save(team, plan, indicator):
    data = observations_workbook(plan, user=team, fmt="xlsx")
    result = observations_import(user=team, plan=plan, upload=upload(data))
    assert result.ok
    assert result.created == 0
    assert not Observation.objects.exists()


def test_import_refused_to_strangers(stranger, other_team, plan, rows):
    for person in (stranger, other_team):
        with pytest.raises(PermissionDenied):
            observations_import(user=person, plan=plan, upload=upload(xlsx(rows)))


def test_import_keeps_validated_values_of_the_team(team, reporter, plan, simple, rows):
    observation = monitoring.observation_submit(
        user=reporter, indicator=simple, period="2025", value=Decimal(14)
    )
    monitoring.observation_validate(user=team, observation=observation)
    result = observations_import(user=reporter, plan=plan, upload=upload(xlsx(rows)))
    assert result.ok
    assert Observation.objects.get(pk=observation.pk).status == "validated"
    assert Indicator.objects.count() == 2
