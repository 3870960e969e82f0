"""Every user-visible string goes through gettext, and every catalogue holds it.

Three kinds of check, each naming file:line (or the missing msgids) when it fails:

- templates: no text node, no visible attribute (placeholder, title, alt,
  aria-label, a submit input's value) and no shown literal argument
  (``|default:"…"``) holds words outside {% translate %} or {% blocktranslate %};
  a counted plural's singular shows its number;
- Python: no literal string reaches a person (validation errors, messages,
  form and model labels, choices, API errors, management command output,
  report headings, e-mails, import warnings) without gettext; gettext is never
  given a built string nor imported under a name makemessages does not read;
- catalogues: every msgid that `make messages` extracts today (from a copy of
  the source) is translated, not fuzzy, with every plural form, in each of the
  nine languages besides English, and the committed .mo says the same as the
  .po; the ambiguous short words carry a pgettext context.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.test import override_settings

import convivio

SOURCE = Path(convivio.__file__).parent
LOCALE = SOURCE / "locale"
LANGUAGES = ["es", "it", "pt", "ro", "el", "de", "fr", "uk", "ar"]
WORD = re.compile(r"[^\W\d_]")

# Words that are the same in every language. Keep this list short: each entry
# says why it is not language.
NOT_LANGUAGE = {
    "Convivio": "the platform's name",
    "HSDS": "the Human Services Data Specification's name",
    "API": "a technical acronym shown as is",
    "PDF": "a file format's name",
    "DOCX": "a file format's name",
    "XLSX": "a file format's name",
    "CSV": "a file format's name",
    "JSON": "a file format's name",
    "https": "the scheme of a web address, shown as the form of one",
}
NOT_LANGUAGE_WORDS = re.compile(
    r"\b(?:" + "|".join(re.escape(word) for word in NOT_LANGUAGE) + r")\b"
)


def _is_language(text: str) -> bool:
    return bool(WORD.search(NOT_LANGUAGE_WORDS.sub(" ", text)))


# ------------------------------------------------------------------ templates

HOLE = "\ufffc"  # stands for a template tag or variable; not a letter
UNTRANSLATED_BLOCKS = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}
VISIBLE_ATTRIBUTES = {"placeholder", "title", "alt", "aria-label", "aria-description"}


def _without_template_language(source: str) -> str:
    """The template's HTML with every tag, variable and translated block made a
    hole, keeping its line breaks so that the HTML parser's lines stay true."""
    parts = []
    closing = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = (token.contents.split() or [""])[0]
            if closing is None and name in UNTRANSLATED_BLOCKS:
                closing = UNTRANSLATED_BLOCKS[name]
            elif name == closing:
                closing = None
        if token.token_type == TokenType.TEXT and closing is None:
            parts.append(token.contents)
        else:
            parts.append(HOLE + "\n" * token.contents.count("\n"))
    return "".join(parts)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = dict(attrs).get("type")
        for name, value in attrs:
            visible = name in VISIBLE_ATTRIBUTES or (
                name == "value" and tag == "input" and kind in ("submit", "button")
            )
            if visible and value:
                self._check(value, f'{tag} {name}="…"')

    def handle_data(self, data: str) -> None:
        if self.cdata_elem is None:  # not the body of <script> or <style>
            self._check(data, "text")

    def _check(self, text: str, where: str) -> None:
        text = " ".join(text.replace(HOLE, " ").split())
        if _is_language(text):
            self.found.append((self.getpos()[0], f"{where}: {text[:80]}"))


# Filters and tags whose literal arguments are shown: {{ x|default:"None" }}.
SHOWN_ARGUMENT = re.compile(
    r"""(?:\|(?:default|default_if_none|yesno):|^firstof\s.*?)(?<!_\()("[^"]*"|'[^']*')"""
)


def _literal_arguments(source: str) -> Iterator[tuple[int, str]]:
    for token in Lexer(source).tokenize():
        if token.token_type in (TokenType.VAR, TokenType.BLOCK):
            for match in SHOWN_ARGUMENT.finditer(token.contents):
                text = match.group(1)[1:-1].strip()
                # A lower-case single word is a code (a CSS class, 'en'), not text.
                code = re.fullmatch(r"[a-z0-9_-]*", text)
                if _is_language(text) and not code:
                    yield token.lineno, f"literal argument: {token.contents[:80]}"


def _template_offenders() -> Iterator[str]:
    for path in sorted(SOURCE.glob("**/templates/**/*")):
        if not path.is_file() or path.suffix not in (".html", ".txt"):
            continue
        if path.name.endswith(".css.html"):
            continue  # a style sheet included into <style>: no language
        source = path.read_text(encoding="utf-8")
        parser = _VisibleText()
        parser.feed(_without_template_language(source))
        parser.close()
        for line, what in [*parser.found, *_literal_arguments(source)]:
            yield f"{path.relative_to(SOURCE)}:{line}: {what}"


def test_templates_show_no_words_outside_translate():
    offenders = list(_template_offenders())
    assert not offenders, (
        "Text outside {% translate %} / {% blocktranslate %}:\n" + "\n".join(offenders)
    )


def test_the_template_check_finds_text_and_attributes():
    parser = _VisibleText()
    parser.feed(
        _without_template_language(
            '<p>{% translate "Fine" %}</p>\n<h1>Welcome {{ name }}</h1>\n'
            '<input placeholder="Search">'
            "{% blocktranslate %}Also fine{% endblocktranslate %}"
            "\n<span>(PDF) · Convivio</span><script>let a = 'code';</script>"
        )
    )
    assert [line for line, _ in parser.found] == [2, 3]
    arguments = _literal_arguments(
        '{{ a|default:"—" }}{{ b|date:"M Y" }}\n{{ c|default:"Not given" }}'
        '{% firstof a b "Nobody" %}{{ d|default:_("Fine") }}'
    )
    assert [line for line, _ in arguments] == [2, 2]


# Singulars of a counted plural that name their number another way, with why.
NUMBER_ELSEWHERE = {
    ("surveys/templates/surveys/results.html", "answered by {{ hidden }} person"): (
        "the hidden count (“< 5”) holds the threshold the plural is chosen by"
    ),
}


def _uncounted_singulars(source: str) -> Iterator[tuple[int, str]]:
    """Singulars of {% blocktranslate count %} without the counter: Ukrainian or
    Arabic use that form for 21 or 101 too, where "the item" reads wrong."""
    tokens = Lexer(source).tokenize()
    for index, token in enumerate(tokens):
        words = token.contents.split()
        if token.token_type != TokenType.BLOCK or words[:1] not in (
            ["blocktranslate"],
            ["blocktrans"],
        ):
            continue
        counter = re.search(r"\bcount\s+(\w+)\s*=", token.contents)
        if counter is None:
            continue
        singular = []
        for part in tokens[index + 1 :]:
            if part.token_type == TokenType.BLOCK and part.contents == "plural":
                break
            singular.append(part)
        if not any(
            part.token_type == TokenType.VAR
            and part.contents.strip() == counter.group(1)
            for part in singular
        ):
            text = "".join(
                part.contents
                if part.token_type == TokenType.TEXT
                else "{{ " + part.contents.strip() + " }}"
                for part in singular
            )
            yield token.lineno, " ".join(text.split())


def test_a_counted_singular_shows_its_number():
    offenders = []
    for path in sorted(SOURCE.glob("**/templates/**/*.html")):
        relative = path.relative_to(SOURCE).as_posix()
        for line, text in _uncounted_singulars(path.read_text(encoding="utf-8")):
            if (relative, text) not in NUMBER_ELSEWHERE:
                offenders.append(f"{relative}:{line}: {text[:80]}")
    assert not offenders, (
        "A {% blocktranslate count %} singular without its counter (say the one "
        "case apart with {% if n == 1 %}):\n" + "\n".join(offenders)
    )


def test_the_singular_check_finds_a_missing_counter():
    source = (
        "{% blocktranslate count n=a %}{{ n }} item{% plural %}{{ n }} items"
        "{% endblocktranslate %}\n{% blocktranslate count n=b %}The item"
        "{% plural %}The {{ n }} items{% endblocktranslate %}"
    )
    assert list(_uncounted_singulars(source)) == [(2, "The item")]


# --------------------------------------------------------------------- Python

GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "gettext_noop",
}
# The callee's last name, and which of its positional arguments a person reads.
VISIBLE_ARGUMENTS = {
    "ValidationError": (0,),
    "PermissionDenied": (0,),
    "CommandError": (0,),
    "HttpError": (1,),
    "add_error": (1,),
    "add_message": (2,),
    "write": (0,),  # a management command's stdout / stderr
    "_note": (0,),  # an import's warnings
    "SUCCESS": (0,),
    "WARNING": (0,),
    "ERROR": (0,),
    "NOTICE": (0,),
    "add_heading": (0,),  # DOCX reports
    "add_paragraph": (0,),
    "add_run": (0,),
    "create_sheet": (0,),  # XLSX reports
    "send_mail": (0, 1),
    "EmailMessage": (0, 1),
    "EmailMultiAlternatives": (0, 1),
}
MESSAGE_LEVELS = {"debug", "info", "success", "warning", "error"}
VISIBLE_KEYWORDS = {
    "label",
    "help_text",
    "empty_label",
    "verbose_name",
    "verbose_name_plural",
    "error_messages",
    "message",
    "subject",
    "body",
    "placeholder",
    "detail",
}
VISIBLE_KEYS = {"placeholder", "aria-label", "alt", "detail", "message", "error"}
PLURALS = {"ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]")
CHOICES_BASES = {"TextChoices", "IntegerChoices", "Choices"}
LOGGERS = {"logger", "log", "logging"}
# Lists of sentences that pages, reports and commands show.
SHOWN_LISTS = {"errors", "warnings", "problems", "notes", "messages"}

# Literals a person does see but that are not language, per file, with why.
NOT_LANGUAGE_LITERALS = {
    ("plans/monitoring/imports.py", "observations"): (
        "the import template's sheet, read back by this name"
    ),
}
NOT_LANGUAGE_FILES = {
    "surveys/xlsform.py": "XLSForm's sheet and column names are its keywords",
}


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _receiver(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id
    return None


def _collected(call: ast.Call) -> str | None:
    """The name of the list ``call`` appends to."""
    target = call.func.value if isinstance(call.func, ast.Attribute) else None
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return None


def _literals(node: ast.AST | None) -> Iterator[ast.AST]:
    """The literal strings with words that a value is built from, outside gettext."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if _is_language(node.value):
            yield node
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value for part in node.values if isinstance(part, ast.Constant)
        )
        if _is_language(text):
            yield node
    elif isinstance(node, ast.BinOp):
        yield from _literals(node.left)
        if isinstance(node.op, ast.Add):
            yield from _literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _literals(value)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _literals(value)
    elif isinstance(node, (ast.List, ast.Tuple)):
        for value in node.elts:
            yield from _literals(value)
    elif isinstance(node, ast.Call):
        name = _callee(node)
        if name in GETTEXT:
            return
        if name in ("format", "join") and isinstance(node.func, ast.Attribute):
            yield from _literals(node.func.value)
        if name in ("str", "format_html", "mark_safe", "capfirst", "format_lazy"):
            yield from _literals(node.args[0] if node.args else None)


class _VisibleLiterals(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[int, str, str]] = []

    def _add(self, value: ast.AST | None, where: str) -> None:
        for node in _literals(value):
            text = node.value if isinstance(node, ast.Constant) else ast.unparse(node)
            self.found.append((node.lineno, where, text))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        bases = {ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases}
        for statement in node.body:
            if not isinstance(statement, ast.Assign):
                continue
            target = statement.targets[0]
            if not isinstance(target, ast.Name):
                continue
            if bases & CHOICES_BASES and not target.id.startswith("_"):
                value = statement.value
                if isinstance(value, ast.Tuple):
                    self._add(value.elts[-1], f"label of choice {target.id}")
                elif isinstance(value, ast.Constant):
                    # Django makes the label from the name, in English only.
                    self.found.append(
                        (statement.lineno, "choice without a label", target.id)
                    )
            if node.name == "Meta" and target.id in VISIBLE_KEYWORDS:
                self._add(statement.value, f"Meta.{target.id}")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _callee(node)
        if name in PLURALS:
            self._check_plural(node, name)
        if name in GETTEXT:
            # xgettext reads literals only: an f-string or a sum is never in
            # the catalogue (a variable may be, marked elsewhere).
            for argument in node.args:
                if isinstance(argument, (ast.JoinedStr, ast.BinOp)):
                    self.found.append(
                        (node.lineno, f"{name}() of a built string", ast.unparse(node))
                    )
            return  # what is inside is translated
        receiver = _receiver(node)
        positions = VISIBLE_ARGUMENTS.get(name or "", ())
        if name in MESSAGE_LEVELS and receiver not in LOGGERS:
            positions = (1,)  # messages.success(request, …), result.error(key, …)
        if name == "append" and _collected(node) in SHOWN_LISTS:
            positions = (0,)  # errors.append(…), result.warnings.append(…)
        for index in positions:
            if index < len(node.args):
                self._add(node.args[index], f"{name}(…)")
        for keyword in node.keywords:
            if keyword.arg == "choices" and isinstance(
                keyword.value, (ast.List, ast.Tuple)
            ):
                for pair in keyword.value.elts:
                    if isinstance(pair, ast.Tuple) and len(pair.elts) == 2:
                        self._add(pair.elts[1], "a choice's label")
            elif keyword.arg in VISIBLE_KEYWORDS:
                self._add(keyword.value, f"{name}({keyword.arg}=…)")
        self.generic_visit(node)

    def _check_plural(self, node: ast.Call, name: str) -> None:
        """The singular names the number as the plural does (see the templates'
        check: other languages use the singular form for 21 or 101)."""
        forms = node.args[1:3] if name.startswith("np") else node.args[:2]
        if len(forms) == 2 and all(
            isinstance(form, ast.Constant) and isinstance(form.value, str)
            for form in forms
        ):
            singular, plural = (form.value for form in forms)
            if set(PLACEHOLDER.findall(plural)) - set(PLACEHOLDER.findall(singular)):
                self.found.append(
                    (node.lineno, "singular without its number", singular)
                )

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        # makemessages finds gettext calls by name: under another name (_lazy,
        # N_) the strings never reach the catalogues.
        if node.module == "django.utils.translation":
            for alias in node.names:
                if alias.asname not in (None, "_") and alias.name in GETTEXT:
                    self.found.append(
                        (node.lineno, "gettext imported as", alias.asname)
                    )

    def visit_Dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value in VISIBLE_KEYS:
                self._add(value, f"{{{key.value!r}: …}}")
        self.generic_visit(node)


def _python_offenders() -> Iterator[str]:
    for path in sorted(SOURCE.glob("**/*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if "migrations" in path.parts or relative in NOT_LANGUAGE_FILES:
            continue
        visitor = _VisibleLiterals()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=relative))
        for line, where, text in visitor.found:
            if (relative, text) not in NOT_LANGUAGE_LITERALS:
                yield f"{relative}:{line}: {where}: {text[:80]!r}"


def test_python_shows_no_literal_outside_gettext():
    offenders = list(_python_offenders())
    assert not offenders, "Literal strings outside gettext:\n" + "\n".join(offenders)


def test_the_python_check_finds_literals_in_visible_places():
    source = (
        "raise ValidationError(_('Fine'))\n"
        "raise ValidationError('Give a name.')\n"
        "messages.success(request, f'{n} saved')\n"
        "logger.warning('not for people %s', 'x y')\n"
        "field = forms.CharField(label='Name', help_text=_('Fine'))\n"
        "class Status(models.TextChoices):\n"
        "    OPEN = 'open', _('Open')\n"
        "    DONE = 'done', 'Done'\n"
        "    LATER = 'later'\n"
        "title = _(f'Plan {name}')\n"
        "from django.utils.translation import gettext_lazy as _lazy\n"
        "ngettext('One file.', '%(n)d files.', n)\n"
    )
    visitor = _VisibleLiterals()
    visitor.visit(ast.parse(source))
    assert sorted(line for line, _, _ in visitor.found) == [2, 3, 5, 8, 9, 10, 11, 12]


# ----------------------------------------------------------------- catalogues


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> polib.POFile:
    """The msgids `make messages` would extract today, from a copy of the source
    (makemessages writes next to what it reads; src/ stays untouched)."""
    copy = tmp_path_factory.mktemp("catalogues") / "convivio"
    shutil.copytree(
        SOURCE,
        copy,
        ignore=shutil.ignore_patterns("static", "locale", "__pycache__", "*.pyc"),
    )
    (copy / "locale").mkdir()
    here = Path.cwd()
    os.chdir(copy)
    try:
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command(
                "makemessages",
                locale=["en"],
                keep_pot=True,
                add_location="file",
                no_obsolete=True,
                verbosity=0,
            )
    finally:
        os.chdir(here)
    return polib.pofile(str(copy / "locale" / "django.pot"))


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _where(entry: polib.POEntry) -> str:
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    files = ", ".join(file for file, _ in entry.occurrences[:2])
    return f"{context}{entry.msgid[:70]!r} ({files})"


# Short words that translate differently by what they qualify (a plan is
# "closed" in one gender, a survey in another): each takes a pgettext context.
AMBIGUOUS = {"closed", "done", "draft", "partner", "For", "open", "published"}


def test_ambiguous_short_words_have_a_context(extracted):
    bare = [_where(entry) for entry in extracted if entry.msgid in AMBIGUOUS]
    bare = [where for where in bare if not where.startswith("[")]
    assert not bare, "Give these a pgettext context:\n" + "\n".join(bare)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_message(extracted, language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    entries = {_key(entry): entry for entry in catalogue if not entry.obsolete}
    problems = []
    for wanted in extracted:
        entry = entries.get(_key(wanted))
        if entry is None:
            problems.append(f"missing: {_where(wanted)}")
        elif "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {_where(wanted)}")
        elif wanted.msgid_plural and entry.msgid_plural != wanted.msgid_plural:
            problems.append(f"plural differs: {_where(wanted)}")
        elif wanted.msgid_plural and (
            not entry.msgstr_plural or not all(entry.msgstr_plural.values())
        ):
            problems.append(f"a plural form is empty: {_where(wanted)}")
        elif not wanted.msgid_plural and not entry.msgstr:
            problems.append(f"untranslated: {_where(wanted)}")
    assert not problems, f"{language}: {len(problems)} entries\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    assert (folder / "django.mo").exists(), f"{language}: django.mo is not committed"

    def translations(catalogue: polib._BaseFile) -> dict:
        return {
            _key(entry): entry.msgstr_plural or entry.msgstr
            for entry in catalogue
            if entry.msgid and (entry.msgstr or any(entry.msgstr_plural.values()))
        }

    # Compiled in memory, as msgfmt would, then read back.
    source = polib.pofile(str(folder / "django.po"))
    expected = translations(polib.mofile(source.to_binary()))
    compiled = translations(polib.mofile(str(folder / "django.mo")))
    stale = sorted(
        repr(key[1][:60])
        for key in expected.keys() | compiled.keys()
        if expected.get(key) != compiled.get(key)
    )
    assert not stale, f"{language}: django.mo differs from django.po for " + ", ".join(
        stale[:20]
    )
