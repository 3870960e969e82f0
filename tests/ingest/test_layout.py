"""Layout normalisation (ingest/layout.py): small synthetic texts, offsets exact."""

from __future__ import annotations

from convivio.ingest.layout import Layout, LayoutLine, normalise


def _check_offsets(layout: Layout) -> None:
    """Every character of every line (and cell) comes from the source text: the same
    character, or a space standing for a line break or a run of spaces."""
    for line in layout.lines:
        pieces = (
            [(c.text, c.offsets) for c in line.cells]
            if line.cells is not None
            else [(line.text, line.offsets)]
        )
        for text, offsets in pieces:
            assert len(text) == len(offsets)
            for char, offset in zip(text, offsets, strict=True):
                source = layout.text[offset]
                assert source == char or (char == " " and source.isspace()), (
                    text,
                    char,
                    source,
                )


def _content(layout: Layout) -> list[str]:
    return [line.text for line in layout.content()]


def _find(layout: Layout, start: str) -> LayoutLine:
    return next(line for line in layout.lines if line.text.startswith(start))


def test_unchanged_lines_map_back_exactly() -> None:
    text = "Title of the thing\n\nA short paragraph.\n\n- first item\n- second item\n"
    layout = normalise(text)
    _check_offsets(layout)
    for line in layout.lines:
        begin, end = line.span()
        assert text[begin:end] == line.text
    assert _content(layout) == [
        "Title of the thing",
        "A short paragraph.",
        "- first item",
        "- second item",
    ]
    assert [line.blank_before for line in layout.lines] == [False, True, True, False]


def test_page_numbers_and_running_header_between_form_feeds() -> None:
    body = "Some text about the harbour and its ferries on page {n}.\n"
    text = "".join(
        f"Harbour Ferry Strategy 2030\n\n{body.format(n=n)}\n- {n} -\n\f"
        for n in range(1, 5)
    )
    layout = normalise(text)
    _check_offsets(layout)
    marks = {line.text: line.furniture for line in layout.lines}
    assert marks["- 3 -"] == "page_number"
    headers = [
        line for line in layout.lines if line.text == "Harbour Ferry Strategy 2030"
    ]
    assert headers and all(line.furniture == "header" for line in headers)
    assert [line.page for line in layout.content()] == [0, 1, 2, 3]


def test_footer_with_glued_page_number_inside_a_sentence_is_joined_across() -> None:
    wrapped = "The lantern committee will meet every second month in the old mill and"
    text = (
        "Intro paragraph that is long enough to set the width of the page text.\n\n"
        f"{wrapped}\n\n"
        "Town of Brindle | 7\n"
        "Lantern Plan 2026-2029\n"
        "report to the assembly once a year.\n\n"
        "Other paragraph about the weather and the long lanterns of the old town.\n\n"
        "Town of Brindle | 8\n"
        "Lantern Plan 2026-2029\n"
        "Closing words.\n"
    )
    layout = normalise(text)
    _check_offsets(layout)
    footers = [line for line in layout.lines if line.text.startswith("Town of Brindle")]
    assert [line.furniture for line in footers] == ["footer", "footer"]
    assert [
        line.furniture for line in layout.lines if line.text.startswith("Lantern Plan")
    ] == [
        "header",
        "header",
    ]
    joined = _find(layout, wrapped)
    assert joined.text == wrapped + " report to the assembly once a year."
    # The join's span covers the source from the first word to the last.
    begin, end = joined.span()
    assert text[begin:end].startswith(wrapped)
    assert text[begin:end].endswith("once a year.")


def test_page_of_footer_is_furniture() -> None:
    text = "Para one.\nCity Plan                 Page 3 of 12\nPara two.\n"
    layout = normalise(text)
    assert _find(layout, "City Plan").furniture == "footer"


def test_bare_numbers_are_page_numbers_only_in_a_series() -> None:
    filler = "".join(
        f"Line {k} of a long page of text that goes on.\n" for k in range(14)
    )
    text = f"{filler}\n2\n\n{filler}\n3\n\n{filler}"
    layout = normalise(text)
    assert [line.furniture for line in layout.lines if line.text in ("2", "3")] == [
        "page_number",
        "page_number",
    ]
    # A number alone under a label is data, not a page number.
    data = normalise("Residents counted\n1.234\nShare of the total\n5\n")
    assert not any(line.furniture for line in data.lines)


def test_contents_block_with_dot_leaders_is_furniture() -> None:
    text = (
        "CONTENTS\n"
        "1. Starting point ........................ 3\n"
        "2. Lanterns and lamps .................... 5\n"
        "Annex 1. Costs ........................... 9\n"
        "\n"
        "1. Starting point\n\nBody text.\n\n2. Lanterns and lamps\n\nMore body.\n"
        "\nAnnex 1. Costs\n\nTable.\n"
    )
    layout = normalise(text)
    contents = [line.text for line in layout.lines if line.furniture == "contents"]
    assert contents[0] == "CONTENTS"
    assert len(contents) == 4
    assert "Annex 1. Costs" in _content(layout)


def test_chapter_list_that_repeats_nothing_is_not_contents() -> None:
    text = (
        "Contents\n"
        "The plan has a brave heart\n"
        "Nobody reads the small print\n"
        "Lanterns glow at dusk\n"
        "\n"
        "Body text that talks about other things entirely.\n"
    )
    layout = normalise(text)
    assert _find(layout, "The plan has").furniture == ""


def test_contents_without_page_numbers_checked_against_later_headings() -> None:
    text = (
        "Contents\n"
        "Starting point\n"
        "Lanterns and lamps\n"
        "\n"
        "Starting point\n\nBody text.\n\nLanterns and lamps\n\nMore body.\n"
    )
    layout = normalise(text)
    assert [line.furniture for line in layout.lines[:3]] == ["contents"] * 3
    assert _content(layout)[0] == "Starting point"


def test_letter_spaced_title_rejoined() -> None:
    text = "P L A N   F O R   T H E   V A L L E Y\n\n2 0 2 5  –  2 0 2 7\n"
    layout = normalise(text)
    _check_offsets(layout)
    assert _content(layout) == ["PLAN FOR THE VALLEY", "2025 – 2027"]
    # Chronogram marks are not a letter-spaced word.
    assert _content(normalise("X X X X X\n")) == ["X X X X X"]


def test_hyphenation_undone_keeping_offsets() -> None:
    text = (
        "The newcomers of the valley take part in the lan\u2010\n"
        "guage classes of the library and in the inter-\n"
        "cultural evenings organised with the EU-\n"
        "Funded partners of the district every month.\n"
    )
    layout = normalise(text)
    _check_offsets(layout)
    [line] = layout.lines
    assert "language classes" in line.text
    assert "intercultural evenings" in line.text
    assert "EU-Funded partners" in line.text
    at = line.text.index("language")
    assert text[slice(*line.span(at, at + 3))] == "lan"


def test_wrapped_paragraph_joined_but_items_labels_and_headings_start_lines() -> None:
    text = (
        "1. HEADING IN CAPITALS\n"
        "The first paragraph is wrapped over two physical lines because it is rather\n"
        "long and the text was printed at a fixed width like every page of this plan.\n"
        "Responsible: Parks Department\n"
        "Budget: 4,000 EUR\n"
        "- a bullet item that wraps onto a second line because it is long enough to\n"
        "  so in the printed page of the plan\n"
        "- a second bullet item\n"
        "a) lettered item\n"
        "1.2.3. Numbered measure title\n"
    )
    layout = normalise(text)
    _check_offsets(layout)
    assert _content(layout) == [
        "1. HEADING IN CAPITALS",
        "The first paragraph is wrapped over two physical lines because it is rather "
        "long and the text was printed at a fixed width like every page of this plan.",
        "Responsible: Parks Department",
        "Budget: 4,000 EUR",
        "- a bullet item that wraps onto a second line because it is long enough to "
        "so in the printed page of the plan",
        "- a second bullet item",
        "a) lettered item",
        "1.2.3. Numbered measure title",
    ]


def test_pipe_table_rebuilt_separator_is_a_rule() -> None:
    text = (
        "| Code | Action | Lead |\n"
        "|------|--------|------|\n"
        "| 1.1 | Lamp repairs | Works office |\n"
        "| 1.2 | Night walks |  |\n"
    )
    layout = normalise(text)
    _check_offsets(layout)
    rows = [line for line in layout.lines if line.cells is not None]
    assert [[c.text for c in r.cells or []] for r in rows] == [
        ["Code", "Action", "Lead"],
        ["1.1", "Lamp repairs", "Works office"],
        ["1.2", "Night walks", ""],
    ]
    assert len({r.table for r in rows}) == 1
    assert layout.lines[1].furniture == "rule"
    cell = rows[1].cells[1]  # type: ignore[index]
    assert text[slice(*cell.span())] == "Lamp repairs"


def test_tab_table_with_wrapped_rows_joined_into_the_right_cells() -> None:
    text = (
        "No.\tAction\tLead\tBudget\n"
        "1.1\tRepair the lamps of\tWorks\t€5,000\n"
        "\tthe harbour street\tDepartment\n"
        "1.2\tPaint benches\tParks\t€900\n"
    )
    layout = normalise(text)
    _check_offsets(layout)
    rows = [[c.text for c in line.cells or []] for line in layout.lines]
    assert rows == [
        ["No.", "Action", "Lead", "Budget"],
        ["1.1", "Repair the lamps of the harbour street", "Works Department", "€5,000"],
        ["1.2", "Paint benches", "Parks", "€900"],
    ]


def test_fixed_width_table_columns_from_the_header() -> None:
    text = (
        "Ref    Indicator                  Baseline    Target\n"
        "A1     Lamps repaired             12          40\n"
        "A2     Residents who feel safe    n/a         70%\n"
        "       at night (survey)\n"
    )
    layout = normalise(text)
    _check_offsets(layout)
    rows = [[c.text for c in line.cells or []] for line in layout.lines]
    assert rows == [
        ["Ref", "Indicator", "Baseline", "Target"],
        ["A1", "Lamps repaired", "12", "40"],
        ["A2", "Residents who feel safe at night (survey)", "n/a", "70%"],
    ]


def test_web_furniture_marked() -> None:
    text = (
        "We use cookies to improve this site. [Accept all] [Refuse]\n"
        "Skip to main content\n"
        "Home › Projects › All projects\n"
        "Lantern Workshop\n"
        "Neighbours build paper lanterns together every Thursday evening in the old "
        "mill, and the lanterns light the autumn walk through the town.\n"
        "Read more\n"
        "© 2025 Lantern Network. All rights reserved.\n"
    )
    layout = normalise(text)
    assert _content(layout) == [
        "Lantern Workshop",
        "Neighbours build paper lanterns together every Thursday evening in the old "
        "mill, and the lanterns light the autumn walk through the town.",
    ]
    assert {line.furniture for line in layout.lines if line.furniture} == {"web"}


def test_a_printed_document_mentioning_cookies_keeps_its_lines() -> None:
    text = "The bakery project gives out cookies.\nRead more in chapter 2.\n"
    assert not any(line.furniture for line in normalise(text).lines)


def test_empty_and_hostile_input() -> None:
    assert normalise("").lines == []
    assert normalise("\n\n\f\f\n").lines == []
    layout = normalise("|||\n\t\t\n" + "-" * 5000 + "\n" + "x" * 10000)
    _check_offsets(layout)


def test_table_flattened_one_cell_per_line_regrouped_from_repeated_header() -> None:
    header = "Ref\nAction\nLead\nWhen\n"
    text = (
        "First table\n\n"
        + header
        + "L1\nRepair the lamps of the harbour street and of the old\n"
        "market square\nWorks Department\n2026\n"
        "L2\nPaint benches\nParks Office\n2027\n"
        "\nSecond table\n\n" + header + "L3\nPlant trees\nParks Office\n2028\n"
    )
    layout = normalise(text)
    _check_offsets(layout)
    rows = [[c.text for c in line.cells or []] for line in layout.lines if line.cells]
    assert rows == [
        ["Ref", "Action", "Lead", "When"],
        [
            "L1",
            "Repair the lamps of the harbour street and of the old market square",
            "Works Department",
            "2026",
        ],
        ["L2", "Paint benches", "Parks Office", "2027"],
        ["Ref", "Action", "Lead", "When"],
        ["L3", "Plant trees", "Parks Office", "2028"],
    ]
    tables = [line.table for line in layout.lines if line.cells]
    assert tables[0] == tables[1] == tables[2] != tables[3]


def test_label_and_value_records_are_not_a_flattened_table() -> None:
    record = "Name\n{name}\nTown\n{town}\nYears\n{years}\n\n"
    text = "".join(
        record.format(name=n, town=t, years=y)
        for n, t, y in [("Lamp Club", "Brindle", "2020"), ("Tea Walk", "Osk", "2021")]
    )
    layout = normalise(text)
    assert not any(line.cells for line in layout.lines)
    # Labels printed in every record stand alone, values too.
    assert _content(layout)[:3] == ["Name", "Lamp Club", "Town"]


def test_two_columns_value_and_label_to_the_right() -> None:
    text = (
        "Activity 1. Lantern workshops for children\n"
        "   Youth Office                                  Lead\n"
        "   March to June 2026                            When\n"
        "   900 EUR                                       Cost\n"
    )
    layout = normalise(text)
    _check_offsets(layout)
    assert layout.lines[0].text == "Activity 1. Lantern workshops for children"
    rows = [[c.text for c in line.cells or []] for line in layout.lines[1:]]
    assert rows == [
        ["Youth Office", "Lead"],
        ["March to June 2026", "When"],
        ["900 EUR", "Cost"],
    ]


def test_numbers_extracted_apart_from_their_items_put_back() -> None:
    text = (
        "Principles\n\n1.\n\n2.\n\n3.\n\n"
        "Openness: every door stays open.\n"
        "Fairness: everyone gets a lamp.\n"
        "Care: the lamps are repaired.\n\n"
        "1.1.1.\nLantern repairs in the harbour\n"
    )
    layout = normalise(text)
    _check_offsets(layout)
    assert _content(layout) == [
        "Principles",
        "1. Openness: every door stays open.",
        "2. Fairness: everyone gets a lamp.",
        "3. Care: the lamps are repaired.",
        "1.1.1. Lantern repairs in the harbour",
    ]


def test_web_card_titles_and_meta_lines_are_content() -> None:
    card = (
        "{title}\nCountry · Town · 2021\n"
        "A long description of what the neighbours do together every week in the "
        "old mill, with lanterns and tea and music for everyone who comes.\n"
        "Read more →\n"
    )
    text = (
        "We use cookies on this site. [Accept] [Refuse]\n"
        "Skip to content\n"
        + card.format(title="Lantern Club")
        + card.format(title="Tea Walks")
        + "« Previous 1 2 3 Next »\n© 2025 Lantern Network\n"
    )
    layout = normalise(text)
    content = _content(layout)
    assert "Lantern Club" in content and "Tea Walks" in content
    assert content.count("Country · Town · 2021") == 2
    assert not any("Read more" in line for line in content)
    assert not any("cookies" in line for line in content)


def test_a_checklist_is_not_web_furniture() -> None:
    text = "Before you start\n☐ Ask the neighbours\n☐ Buy the lamps\n☐ Find a room\n"
    assert not any(line.furniture for line in normalise(text).lines)


def test_lines_of_several_fields_wrapped_after_a_separator_stay_one_line() -> None:
    text = (
        "Measure 1.1 Lamp repairs in the harbour\n"
        "Lead: Works Department of the town; Partners: Harbour Association; When:\n"
        "2026–2027; Budget: 4,000 EUR\n"
        "Indicator: lamps repaired\n"
    )
    layout = normalise(text)
    assert _content(layout) == [
        "Measure 1.1 Lamp repairs in the harbour",
        "Lead: Works Department of the town; Partners: Harbour Association; When: "
        "2026–2027; Budget: 4,000 EUR",
        "Indicator: lamps repaired",
    ]


def test_long_text_is_read_in_linear_time_without_error() -> None:
    page = (
        "Lantern Plan 2026\n"
        + "A line of text about lanterns that goes on for a while here.\n" * 30
        + "Page {n} of 120\n\f"
    )
    text = "".join(page.format(n=n) for n in range(1, 121))
    layout = normalise(text)
    numbers = [line for line in layout.lines if line.furniture == "page_number"]
    headers = [line for line in layout.lines if line.furniture == "header"]
    assert len(numbers) == 120
    # The title on the first page comes before any page break: not yet known as
    # a running header there.
    assert len(headers) == 119
    assert layout.lines[-1].page == 119
    assert [line.page for line in headers[:2]] == [1, 2]
    assert len(layout.content()) == 121  # the first title and a paragraph a page


def test_a_blank_line_inside_a_wrapped_sentence_does_not_end_it() -> None:
    text = (
        "a) Keep the harbour lamps burning every night of the winter months, for\n"
        "\n"
        "everyone who walks home late.\n"
        "\n"
        "2026–2027\n"
        "\n"
        "with the help of the lamp makers\n"
    )
    layout = normalise(text)
    _check_offsets(layout)
    assert _content(layout) == [
        "a) Keep the harbour lamps burning every night of the winter months, for "
        "everyone who walks home late.",
        "2026–2027",
        "with the help of the lamp makers",
    ]
