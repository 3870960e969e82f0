"""Machine translation: one interface, backends chosen in settings.

``CONVIVIO_MACHINE_TRANSLATION`` picks the backend:

* ``none`` (the default): people translate; no machine button is offered;
* ``libretranslate``: a LibreTranslate server (``CONVIVIO_LIBRETRANSLATE_URL``,
  ``CONVIVIO_LIBRETRANSLATE_API_KEY``);
* ``deepl``: the DeepL API (``CONVIVIO_DEEPL_API_KEY``; a key ending in ``:fx`` uses
  the free API's host, ``CONVIVIO_DEEPL_URL`` overrides);
* ``apertium``: the rule-based translator from Debian's packages, run as a command
  (``CONVIVIO_APERTIUM_COMMAND``), for the language pairs installed.

Texts are Markdown.  Before sending, each text becomes a little HTML document:
one ``<p>`` per line that has words to translate, the line's list or heading
marker kept aside, and everything a translator must not touch (URLs, link
targets, code spans, numbers and codes such as "M1.2" or "3.1.4", @mentions,
e-mail addresses, names the caller lists) wrapped in ``<span translate="no"
data-k="…">``.  On the way back those spans are replaced by the original text
whatever the backend did inside them, so they survive exactly.

Every failure (no answer, a refused key, a used-up quota, a pair the backend does
not have, a missing command) raises ``MachineTranslationError`` with a sentence
for the person who asked; the details go to the log.
"""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Protocol, runtime_checkable

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: Seconds a list of supported languages is remembered.
LANGUAGES_CACHE_SECONDS = 600
#: Seconds pages stop offering machine translation after the service failed to
#: say which languages it has.
DOWN_SECONDS = 60
DOWN_KEY = "convivio:mt:down"
#: Seconds to wait at most for a list of languages (a page is waiting).
LANGUAGES_TIMEOUT = 5.0


class MachineTranslationError(Exception):
    """Machine translation failed; ``message`` says why in a sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@runtime_checkable
class MachineTranslator(Protocol):
    """What every backend offers."""

    #: Setting value ("libretranslate", "deepl", "apertium").
    name: str
    #: How the output is labelled for readers ("DeepL", "Apertium"…).
    label: str

    def supports(self, source: str, target: str) -> bool:
        """Whether this backend translates from ``source`` into ``target``."""

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        keep: Iterable[str] = (),
    ) -> list[str]:
        """``texts`` (Markdown) translated, in the same order; ``keep`` lists
        names that must stay as written."""


def base_language(code: str) -> str:
    """ "pt-BR" → "pt": backends are asked by primary language subtag."""
    return code.replace("_", "-").split("-")[0].lower()


# -- keeping Markdown, numbers, names and links intact ---------------------------------

# Private-use characters mark protected pieces while a line is being prepared:
# they are not word characters, so no pattern below matches inside a marker.
_OPEN, _CLOSE = "\ue000", "\ue001"
_LINK_OPEN, _LINK_CLOSE = "\ue006", "\ue007"
_B_OPEN, _B_CLOSE, _I_OPEN, _I_CLOSE = "\ue002", "\ue003", "\ue004", "\ue005"
_INDEX_BASE = 0xE100
_MARKER = re.compile(f"{_OPEN}(.){_CLOSE}", re.DOTALL)
_LINK_MARKER = re.compile(f"{_LINK_OPEN}(.)|{_LINK_CLOSE}(.)", re.DOTALL)

_FENCE = re.compile(r"^\s*(```|~~~)")
#: Block quotes, headings, bullets, task boxes, numbered items, at a line's start.
_PREFIX = re.compile(
    r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|"
    r"\d{1,9}[.)][ \t]+)?"
)
#: A reference-style link definition ("[1]: https://…") is kept whole.
_LINK_DEFINITION = re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]*\S")
_TABLE_ROW = re.compile(r"^[ \t]*\|")
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_LINK = re.compile(
    r"(!?\[)([^\[\]\n]*)"
    r"(\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+\"[^\"]*\")?\)|\]\[[^\]\n]*\])"
)
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]+>|<[^>\s@]+@[^>\s@]+>")
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"]*[^\s<>\".,;:!?'()\[\]]")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_MENTION = re.compile(r"(?<![\w@])@\w+(?:[.-]\w+)*|(?<![\w#&])#\w*[^\W\d]\w*")
#: A word holding a digit, and its dotted or dashed continuations: 2026, M1.2,
#: 3.1.4, 12:30, 2026-03-01, 10,000, 1.2a.
_NUMBER = re.compile(r"(?<![\w])\w*\d\w*(?:[.,:/-]\w*\d\w*)*")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])(\*|_)(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")
_LETTER = re.compile(r"[^\W\d_]")
#: A protected piece a translator may see as it is: letters, digits and inner
#: dots, commas, colons, dashes and spaces (names, numbers, codes).  Anything
#: else (a URL, an @mention, a code span) is shown as a neutral word, because
#: rule-based translators split punctuation out of the span.
_PLAIN_TOKEN = re.compile(r"^\w(?:[\w .,:/-]*\w)?$")


@dataclass
class Protected:
    """A text prepared for a translator: ``html`` to send, what to put back."""

    html: str
    #: One entry per line of the original: the line as it was (a str) when it is
    #: kept unchanged, else its parts: literal strs, and None for each ``<p>``
    #: sent (a line's text after its marker, or a table cell).
    lines: list[str | list[str | None]] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    #: (opening, closing) of each Markdown link: "[" and "](target)".
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return sum(
            part is None
            for line in self.lines
            if isinstance(line, list)
            for part in line
        )


def _keep_pattern(keep: Iterable[str]) -> re.Pattern | None:
    names = sorted({name.strip() for name in keep if name and name.strip()}, key=len)
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in reversed(names))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def _protect_segment(
    content: str, protected: Protected, keep: re.Pattern | None
) -> tuple[str, bool]:
    """A piece of a line as HTML, and whether any words are left to translate."""
    tokens = protected.tokens

    def hide(match: re.Match | str) -> str:
        text = match if isinstance(match, str) else match.group(0)
        tokens.append(text)
        return f"{_OPEN}{chr(_INDEX_BASE + len(tokens) - 1)}{_CLOSE}"

    def link(match: re.Match) -> str:
        protected.links.append((match.group(1), match.group(3)))
        index = chr(_INDEX_BASE + len(protected.links) - 1)
        return f"{_LINK_OPEN}{index}{match.group(2)}{_LINK_CLOSE}{index}"

    content = _CODE.sub(hide, content)
    content = _AUTOLINK.sub(hide, content)
    content = _LINK.sub(link, content)
    for pattern in (_URL, _EMAIL, _MENTION):
        content = pattern.sub(hide, content)
    if keep is not None:
        content = keep.sub(hide, content)
    content = _NUMBER.sub(hide, content)
    content = _BOLD.sub(lambda m: f"{_B_OPEN}{m.group(2)}{_B_CLOSE}", content)
    content = _ITALIC.sub(lambda m: f"{_I_OPEN}{m.group(2)}{_I_CLOSE}", content)
    has_words = bool(_LETTER.search(_MARKER.sub("", content)))
    content = html.escape(content, quote=False)
    content = (
        content.replace(_B_OPEN, "<b>")
        .replace(_B_CLOSE, "</b>")
        .replace(_I_OPEN, "<i>")
        .replace(_I_CLOSE, "</i>")
    )

    def span(match: re.Match) -> str:
        index = ord(match.group(1)) - _INDEX_BASE
        token = tokens[index]
        plain = _PLAIN_TOKEN.match(token) and "://" not in token
        inner = token if plain else f"X{index}"
        inner = html.escape(inner, quote=False)
        return (
            f'<span translate="no" class="notranslate" data-k="{index}">{inner}</span>'
        )

    def anchor(match: re.Match) -> str:
        if match.group(1) is not None:
            index = ord(match.group(1)) - _INDEX_BASE
            return f'<a href="#" data-l="{index}">'
        return "</a>"

    content = _MARKER.sub(span, content)
    return _LINK_MARKER.sub(anchor, content), has_words


def protect(text: str, keep: Iterable[str] = ()) -> Protected:
    """Turn Markdown ``text`` into the HTML a translator receives."""
    keep_pattern = _keep_pattern(keep)
    result = Protected(html="")
    paragraphs: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            result.lines.append(line)
            continue
        if in_fence or _LINK_DEFINITION.match(line):
            result.lines.append(line)
            continue
        if _TABLE_ROW.match(line):
            # Each cell on its own, so that words never move between columns.
            pieces = re.split(r"(\|)", line)
        else:
            # All of _PREFIX is optional: it always matches.
            prefix = match.group(0) if (match := _PREFIX.match(line)) else ""
            pieces = [prefix, line[len(prefix) :]]
        parts: list[str | None] = []
        sent: list[str] = []
        tokens, links = len(result.tokens), len(result.links)
        for number, piece in enumerate(pieces):
            if piece == "|" or (number == 0 and len(pieces) == 2):
                parts.append(piece)
                continue
            body = piece.strip()
            before = len(result.tokens), len(result.links)
            prepared, has_words = _protect_segment(body, result, keep_pattern)
            if not has_words:
                del result.tokens[before[0] :]
                del result.links[before[1] :]
                parts.append(piece)
                continue
            start = piece.index(body)
            parts.extend([piece[:start], None, piece[start + len(body) :]])
            sent.append(f"<p>{prepared}</p>")
        if not sent:
            # Nothing to translate on this line (a rule, a table border, a number).
            del result.tokens[tokens:]
            del result.links[links:]
            result.lines.append(line)
            continue
        result.lines.append(parts)
        paragraphs.extend(sent)
    result.html = "".join(paragraphs)
    return result


class _Restorer(HTMLParser):
    """Reads a translator's HTML back into lines of Markdown.

    Rule-based translators may split a link or a protected span in two around a
    moved word: a span's piece is written once, and the pieces of one link with
    only spaces between them are joined again.
    """

    def __init__(self, protected: Protected) -> None:
        super().__init__(convert_charrefs=True)
        self.protected = protected
        self.lines: list[str] = []
        self.current: list[str] | None = None
        self.skip = 0  # depth inside a protected span
        self.used: set[int] = set()
        self.links_used: set[int] = set()
        self.open_link: int | None = None
        #: A link just closed: its index and the spaces seen since.
        self.pending: tuple[int, str] | None = None

    def _flush(self) -> None:
        if self.pending is not None:
            index, spaces = self.pending
            self.pending = None
            self._write(self.protected.links[index][1] + spaces)

    def _write(self, text: str) -> None:
        if self.current is None:
            # Text outside any paragraph (a backend that dropped the tags).
            self.current = []
        self.current.append(text)

    def _emit(self, text: str) -> None:
        self._flush()
        self._write(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == "span":
                self.skip += 1
            return
        values = dict(attrs)
        if tag == "a" and values.get("data-l") is not None:
            index = _index(values["data-l"], len(self.protected.links))
            if index is None:
                return
            if self.pending is not None and self.pending[0] == index:
                # The same link again after a moved word: one link.
                self._write(self.pending[1])
                self.pending = None
            else:
                self._emit(self.protected.links[index][0])
            self.open_link = index
            self.links_used.add(index)
            return
        if tag == "p":
            self._end_line()
            self.current = []
        elif tag == "span" and values.get("data-k") is not None:
            self.skip = 1
            index = _index(values["data-k"], len(self.protected.tokens))
            if index is not None and index not in self.used:
                self.used.add(index)
                self._emit(self.protected.tokens[index])
        elif tag in ("b", "strong"):
            self._emit("**")
        elif tag in ("i", "em"):
            self._emit("*")
        elif tag == "br":
            self._emit(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == "span":
                self.skip -= 1
            return
        if tag == "a" and self.open_link is not None:
            self._flush()
            self.pending = (self.open_link, "")
            self.open_link = None
        elif tag == "p":
            self._end_line()
        elif tag in ("b", "strong"):
            self._emit("**")
        elif tag in ("i", "em"):
            self._emit("*")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pending is not None and not data.strip():
            self.pending = (self.pending[0], self.pending[1] + data)
            return
        self._emit(data)

    def _end_line(self) -> None:
        self._flush()
        if self.current is not None:
            self.lines.append(" ".join("".join(self.current).split()))
            self.current = None

    def close(self) -> None:
        super().close()
        self._end_line()


def _index(value: str | None, size: int) -> int | None:
    try:
        index = int(value or "")
    except ValueError:
        return None
    return index if 0 <= index < size else None


def restore(protected: Protected, translated: str) -> str:
    """The translator's HTML for ``protected`` back as Markdown.

    Raises ``MachineTranslationError`` when the answer lost lines or protected
    pieces (a link, a number), rather than save a damaged translation.
    """
    restorer = _Restorer(protected)
    restorer.feed(translated)
    restorer.close()
    lines = [line for line in restorer.lines if line]
    if (
        len(lines) != protected.sent
        or len(restorer.used) != len(protected.tokens)
        or len(restorer.links_used) != len(protected.links)
    ):
        logger.warning(
            "Machine translation came back damaged: %d of %d lines, %d of %d "
            "protected pieces, %d of %d links: %r",
            len(lines),
            protected.sent,
            len(restorer.used),
            len(protected.tokens),
            len(restorer.links_used),
            len(protected.links),
            translated[:500],
        )
        raise MachineTranslationError(
            _(
                "The machine translation came back with lines, links or numbers "
                "missing, so it was not saved. Try again, or translate this text "
                "yourself."
            )
        )
    out = []
    sent = iter(lines)
    for line in protected.lines:
        if isinstance(line, list):
            out.append("".join(next(sent) if part is None else part for part in line))
        else:
            out.append(line)
    return "\n".join(out)


# -- errors as sentences ---------------------------------------------------------------


def _unreachable(label: str) -> MachineTranslationError:
    return MachineTranslationError(
        _(
            "The machine translation service (%(service)s) did not answer. Nothing "
            "was translated; try again later."
        )
        % {"service": label}
    )


def _refused(label: str, status: int) -> MachineTranslationError:
    if status in (401, 403):
        message = _(
            "The machine translation service (%(service)s) refused this site's key. "
            "An administrator needs to check its settings."
        )
    elif status in (429,):
        message = _(
            "The machine translation service (%(service)s) has had too many requests "
            "for now. Nothing was translated; try again in a few minutes."
        )
    elif status in (456, 402):
        message = _(
            "This site's quota with the machine translation service (%(service)s) is "
            "used up. Nothing was translated."
        )
    elif status == 413:
        message = _(
            "The text was too long for the machine translation service "
            "(%(service)s). Nothing was translated."
        )
    elif status >= 500:
        message = _(
            "The machine translation service (%(service)s) had an error of its own. "
            "Nothing was translated; try again later."
        )
    else:
        message = _(
            "The machine translation service (%(service)s) refused the request. "
            "Nothing was translated; the error was recorded for the administrators."
        )
    return MachineTranslationError(message % {"service": label})


def unsupported(label: str, source: str, target: str) -> MachineTranslationError:
    return MachineTranslationError(
        _(
            "The machine translation service (%(service)s) cannot translate from "
            "%(source)s into %(target)s."
        )
        % {"service": label, "source": source, "target": target}
    )


# -- the backends --------------------------------------------------------------------


class _HtmlTranslator:
    """Protection, batching and restoration around a backend's ``_send``."""

    name = ""
    label = ""
    #: Most texts and characters of HTML sent in one request.
    max_batch_texts = 50
    max_batch_chars = 30_000

    def supports(self, source: str, target: str) -> bool:  # pragma: no cover
        raise NotImplementedError

    def _send(self, documents: list[str], source: str, target: str) -> list[str]:
        raise NotImplementedError  # pragma: no cover

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        keep: Iterable[str] = (),
    ) -> list[str]:
        if not texts:
            return []
        if not self.supports(source, target):
            raise unsupported(self.label, source, target)
        keep = list(keep)
        prepared = [protect(text, keep) for text in texts]
        results: list[str | None] = [None] * len(texts)
        batch: list[int] = []
        size = 0

        def flush() -> None:
            nonlocal batch, size
            if batch:
                answers = self._send([prepared[i].html for i in batch], source, target)
                if len(answers) != len(batch):
                    logger.warning(
                        "%s answered %d texts for %d",
                        self.label,
                        len(answers),
                        len(batch),
                    )
                    raise MachineTranslationError(
                        _(
                            "The machine translation service (%(service)s) answered "
                            "something unexpected. Nothing was translated."
                        )
                        % {"service": self.label}
                    )
                for i, answer in zip(batch, answers, strict=True):
                    results[i] = restore(prepared[i], answer)
            batch, size = [], 0

        for index, item in enumerate(prepared):
            if not item.sent:
                results[index] = texts[index]  # nothing to translate
                continue
            if batch and (
                len(batch) >= self.max_batch_texts
                or size + len(item.html) > self.max_batch_chars
            ):
                flush()
            batch.append(index)
            size += len(item.html)
        flush()
        return [text if text is not None else "" for text in results]


def _timeout() -> float:
    return float(settings.CONVIVIO_MACHINE_TRANSLATION_TIMEOUT)


def _languages_timeout() -> float:
    return min(_timeout(), LANGUAGES_TIMEOUT)


def _http_json(
    label: str,
    url: str,
    *,
    payload: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    timeout: float | None = None,
) -> Any:
    """GET (or POST ``payload`` as JSON) and decode the JSON answer."""
    data = None
    all_headers = {"Accept": "application/json", **(headers or {})}
    if payload is not None:
        data = json.dumps(payload).encode("utf-8")
        all_headers["Content-Type"] = "application/json"
    request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
        url, data=data, headers=all_headers, method="POST" if data else "GET"
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=timeout or _timeout()
        ) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read()[:500] if error.fp else b""
        logger.warning("%s answered %s at %s: %r", label, error.code, url, detail)
        raise _refused(label, error.code) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        logger.warning("%s did not answer at %s: %s", label, url, error)
        raise _unreachable(label) from error
    try:
        return json.loads(body)
    except ValueError as error:
        logger.warning(
            "%s answered something not JSON at %s: %r", label, url, body[:500]
        )
        raise MachineTranslationError(
            _(
                "The machine translation service (%(service)s) answered something "
                "unexpected. Nothing was translated."
            )
            % {"service": label}
        ) from error


def _cached(key: str, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, LANGUAGES_CACHE_SECONDS)
    return value


class LibreTranslate(_HtmlTranslator):
    """A LibreTranslate server: POST /translate, GET /languages."""

    name = "libretranslate"
    label = "LibreTranslate"

    def __init__(self, url: str, api_key: str = "") -> None:
        self.url = url.rstrip("/")
        self.api_key = api_key

    def _pairs(self) -> set[tuple[str, str]]:
        def fetch() -> list[list[str]]:
            answer = _http_json(
                self.label, f"{self.url}/languages", timeout=_languages_timeout()
            )
            pairs = []
            for language in answer if isinstance(answer, list) else []:
                code = base_language(str(language.get("code", "")))
                for target in language.get("targets") or []:
                    pairs.append([code, base_language(str(target))])
            return pairs

        return {
            tuple(pair)
            for pair in _cached(f"convivio:mt:libretranslate:{self.url}", fetch)
        }

    def supports(self, source: str, target: str) -> bool:
        source, target = base_language(source), base_language(target)
        return source != target and (source, target) in self._pairs()

    def _send(self, documents: list[str], source: str, target: str) -> list[str]:
        payload = {
            "q": documents,
            "source": base_language(source),
            "target": base_language(target),
            "format": "html",
        }
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = _http_json(self.label, f"{self.url}/translate", payload=payload)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(translated, str):
            translated = [translated]
        if not isinstance(translated, list):
            logger.warning("LibreTranslate answered %r", answer)
            return []
        return [str(text) for text in translated]


#: DeepL asks for a variant of some target languages; Convivio's are European.
DEEPL_TARGETS = {"en": "EN-GB", "pt": "PT-PT", "zh": "ZH-HANS"}


class DeepL(_HtmlTranslator):
    """The DeepL API: POST /v2/translate, GET /v2/languages."""

    name = "deepl"
    label = "DeepL"

    def __init__(self, api_key: str, url: str = "") -> None:
        self.api_key = api_key
        if not url:
            url = (
                "https://api-free.deepl.com"
                if api_key.endswith(":fx")
                else "https://api.deepl.com"
            )
        self.url = url.rstrip("/")

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"DeepL-Auth-Key {self.api_key}"}

    def _languages(self, kind: str) -> set[str]:
        def fetch() -> list[str]:
            answer = _http_json(
                self.label,
                f"{self.url}/v2/languages?type={kind}",
                headers=self._headers(),
                timeout=_languages_timeout(),
            )
            return [
                str(item.get("language", "")).upper()
                for item in (answer if isinstance(answer, list) else [])
            ]

        return set(_cached(f"convivio:mt:deepl:{self.url}:{kind}", fetch))

    @staticmethod
    def target_code(target: str) -> str:
        code = target.replace("_", "-").upper()
        if "-" in code and code.split("-")[0] in ("EN", "PT"):
            return code
        return DEEPL_TARGETS.get(base_language(target), base_language(target).upper())

    def supports(self, source: str, target: str) -> bool:
        if base_language(source) == base_language(target):
            return False
        targets = self._languages("target")
        wanted = self.target_code(target)
        return base_language(source).upper() in self._languages("source") and (
            wanted in targets or base_language(target).upper() in targets
        )

    def _send(self, documents: list[str], source: str, target: str) -> list[str]:
        payload = {
            "text": documents,
            "source_lang": base_language(source).upper(),
            "target_lang": self.target_code(target),
            "tag_handling": "html",
        }
        answer = _http_json(
            self.label,
            f"{self.url}/v2/translate",
            payload=payload,
            headers=self._headers(),
        )
        items = answer.get("translations") if isinstance(answer, dict) else None
        if not isinstance(items, list):
            logger.warning("DeepL answered %r", answer)
            return []
        return [str(item.get("text", "")) for item in items]


#: Apertium names languages with three letters in newer pairs ("eng-spa").
APERTIUM_CODES = {
    "eng": "en",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "ron": "ro",
    "rum": "ro",
    "fra": "fr",
    "fre": "fr",
    "cat": "ca",
    "glg": "gl",
    "deu": "de",
    "nld": "nl",
    "ukr": "uk",
    "rus": "ru",
    "ell": "el",
    "ara": "ar",
    "tur": "tr",
    "pol": "pl",
    "bul": "bg",
    "slv": "sl",
    "hrv": "hr",
    "urd": "ur",
    "fas": "fa",
}


def _apertium_code(code: str) -> str:
    return APERTIUM_CODES.get(code, code)


_APERTIUM_MARK = re.compile(r"(?<![\w&])[#@](?=\w)")


class Apertium(_HtmlTranslator):
    """Apertium's command (``apertium -u -f html PAIR``), one process per batch.

    Pairs are what ``apertium -l`` lists; only plain pairs are used (not the
    regional variants such as ``es-pt_BR``, nor pivots through a third language:
    the rule-based output is gisting already, and a second pass compounds its
    errors).
    """

    name = "apertium"
    label = "Apertium"
    max_batch_texts = 200
    max_batch_chars = 100_000
    #: Texts of a batch are sent as one document, each in its own div.
    _TEXT = re.compile(r'<div class="convivio-text">(.*?)</div>', re.DOTALL)

    def __init__(self, command: str = "apertium") -> None:
        self.command = command

    def _executable(self) -> str:
        path = shutil.which(self.command)
        if path is None:
            logger.warning("Apertium's command %r is not installed", self.command)
            raise MachineTranslationError(
                _(
                    "Machine translation with Apertium is set up, but Apertium is not "
                    "installed on the server. An administrator needs to install it."
                )
            )
        return path

    def modes(self) -> dict[tuple[str, str], str]:
        """{(source, target): mode name} of the pairs installed."""

        def fetch() -> dict[str, str]:
            try:
                listing = subprocess.run(  # noqa: S603 - our setting, no shell
                    [self._executable(), "-l"],
                    capture_output=True,
                    text=True,
                    timeout=_timeout(),
                    check=False,
                ).stdout
            except (OSError, subprocess.TimeoutExpired) as error:
                logger.warning("apertium -l failed: %s", error)
                raise _unreachable(self.label) from error
            found: dict[str, str] = {}
            for mode in listing.split():
                parts = mode.split("-")
                if len(parts) != 2 or any("_" in part for part in parts):
                    continue
                source, target = (_apertium_code(part) for part in parts)
                found.setdefault(f"{source}>{target}", mode)
            return found

        found = _cached(f"convivio:mt:apertium:{self.command}", fetch)
        return {tuple(key.split(">")): mode for key, mode in found.items()}

    def supports(self, source: str, target: str) -> bool:
        return (base_language(source), base_language(target)) in self.modes()

    def _send(self, documents: list[str], source: str, target: str) -> list[str]:
        mode = self.modes()[(base_language(source), base_language(target))]
        document = "".join(
            f'<div class="convivio-text">{document}</div>' for document in documents
        )
        try:
            finished = subprocess.run(  # noqa: S603 - our setting, no shell
                [self._executable(), "-u", "-f", "html", mode],
                input=document,
                capture_output=True,
                text=True,
                timeout=_timeout(),
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            logger.warning("Apertium took longer than %s seconds", _timeout())
            raise _unreachable(self.label) from error
        except OSError as error:
            logger.warning("Apertium could not run: %s", error)
            raise _unreachable(self.label) from error
        if finished.returncode != 0:
            logger.warning(
                "Apertium %s ended with %s: %s",
                mode,
                finished.returncode,
                finished.stderr[-1000:],
            )
            raise MachineTranslationError(
                _(
                    "Apertium could not translate this text (its %(pair)s pair "
                    "failed). Nothing was translated; the error was recorded for "
                    "the administrators."
                )
                % {"pair": mode}
            )
        # Apertium marks a word it could not generate with # and one it has no
        # translation for with @ (-u only drops the * of unknown words); the
        # text's own hashtags and @mentions were sent protected, so these are
        # only marks.
        output = _APERTIUM_MARK.sub("", finished.stdout)
        return self._TEXT.findall(output)


def get_translator() -> MachineTranslator | None:
    """The backend the settings choose, or None when people translate alone."""
    choice = (settings.CONVIVIO_MACHINE_TRANSLATION or "none").strip().lower()
    if choice in ("", "none"):
        return None
    if choice == "libretranslate":
        return LibreTranslate(
            settings.CONVIVIO_LIBRETRANSLATE_URL,
            settings.CONVIVIO_LIBRETRANSLATE_API_KEY,
        )
    if choice == "deepl":
        return DeepL(settings.CONVIVIO_DEEPL_API_KEY, settings.CONVIVIO_DEEPL_URL)
    if choice == "apertium":
        return Apertium(settings.CONVIVIO_APERTIUM_COMMAND)
    raise MachineTranslationError(
        _(
            "The machine translation setting names an unknown service. An "
            "administrator needs to check CONVIVIO_MACHINE_TRANSLATION."
        )
    )


def available(source: str, target: str) -> MachineTranslator | None:
    """The backend if it can translate ``source`` into ``target``, else None.

    For pages deciding whether to show a machine button: a backend that does not
    answer counts as not available (the error is logged).
    """
    if cache.get(DOWN_KEY):
        return None
    try:
        translator = get_translator()
        if translator is not None and translator.supports(source, target):
            return translator
    except MachineTranslationError as error:
        logger.warning("Machine translation not available: %s", error.message)
        # Pages must not each wait for a service that is down.
        cache.set(DOWN_KEY, True, DOWN_SECONDS)
    return None
