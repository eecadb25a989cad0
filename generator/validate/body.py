"""Record bodies: Markdown to HTML that is safe to publish, and a diagnostic for all that is not.

Allowlist, not blocklist. A body is parsed once (markdown-it-py: CommonMark with tables and
strikethrough, no syntax that lets an editor set attributes), rendered, and sanitised with nh3
against the policy in sanitise.py. Where the sanitiser would change the HTML, `check` reports
what it would remove, block by block, on the line where the editor wrote it, so an editor
learns instead of being silently corrected. The site publishes only the sanitised HTML,
whichever engine wraps the page.

The walker in sanitise.py explains a difference; nh3 judges it. A block whose sanitised form
differs in a way the walker cannot name is still an error (fail closed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import mdurl
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.core.messages import Message, message
from generator.core.paths import relative, resolve
from generator.core.text import slugify
from generator.validate.sanitise import ALIGN_CLASSES, HEADINGS, explain, hints, sanitise, url_problem, walk

RESERVED_IDS = frozenset({"kerngegevens", "bijlagen", "begroting", "tijdlijn", "prijzen", "verwant", "rekenregels",
                          "voorwaarden", "criteria", "planning", "praktijkvoorbeelden", "themas-van-de-regeling",
                          "termijnen", "documenten", "over-de-regeling", "wie-mag-aanvragen"})
"""Ids the page templates give their own headings; a body heading with the same text gets a suffix."""

DELIMITERS = re.compile(r"[\[\]*_~`<\\]")
DENSE_FROM = 2_000
DENSE_SHARE = 0.10
SHORT_LINES_SHARE = 0.125
"""Markdown costs ~1 µs a character for ordinary record text, but up to ~30 µs for a run of unmatched
`![[` and ~35 µs for every line or block, however short. A body longer than DENSE_FROM characters
of which more than DENSE_SHARE are delimiters, or more than SHORT_LINES_SHARE line breaks (lines
of under 8 characters on average), is refused before it is parsed. Measured at 40 KB, that keeps
every accepted body within about 7 times the time of the project's own records of the same size."""

_ATTRIBUTE_SYNTAX = re.compile(r"\{:[^}\n]*\}?|\{\s*[#.][A-Za-z_][\w-]*[^}\n]*\}")
_LOOKS_LIKE_TAG = re.compile(r"<[/!?]?[A-Za-z][^\s>]*")


@dataclass(frozen=True)
class Problem:
    line: int
    col: int
    message: Message


@dataclass(frozen=True)
class PageLink:
    """An editor's link to another page of the site, written as that page's Markdown file."""

    target: str
    written: str
    line: int
    col: int


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class RenderedBody:
    html: str
    problems: tuple[Problem, ...]
    links: tuple[PageLink, ...]
    headings: tuple[Heading, ...]


def outline(headings: tuple[Heading, ...]) -> list[dict]:
    """The table of contents of a body: its level-2 headings, each with the level-3 headings below it."""
    top: list[dict] = []
    for heading in headings:
        item = {"titel": heading.text, "id": heading.id, "onder": []}
        if heading.level == 2 or not top:
            top.append(item)
        elif heading.level == 3:
            top[-1]["onder"].append({"titel": heading.text, "id": heading.id, "onder": []})
    return top


# ---------------------------------------------------------------- Markdown

def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": False, "breaks": False, "linkify": False,
                                   "typographer": False}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # every URL reaches the sanitiser and the walker, so none is dropped unseen
    return md


_MD = _markdown()


def _blocks(tokens: list[Token]) -> list[tuple[int, int]]:
    """(start, end) token index ranges of the top-level blocks."""
    ranges, depth, start = [], 0, 0
    for index, token in enumerate(tokens):
        if depth == 0:
            start = index
        depth += token.nesting
        if depth == 0:
            ranges.append((start, index + 1))
    return ranges


def _inline_text(token: Token | None) -> str:
    children = token.children if token is not None and token.children else []
    return "".join(child.content for child in children if child.type in ("text", "code_inline"))


class _Source:
    """The body's lines, for turning a block and a hint into a line and column."""

    def __init__(self, body: str, first_line: int):
        self.lines = body.split("\n")
        self.first_line = first_line

    def place(self, block_lines: tuple[int, int] | None, hints: list[re.Pattern]) -> tuple[int, int]:
        start, end = block_lines or (0, len(self.lines))
        for lo, hi in ((start, end), (0, len(self.lines))):
            text = "\n".join(self.lines[lo:hi])
            for hint in hints:
                match = hint.search(text)
                if match:
                    at = next((match.start(g) for g in range(1, hint.groups + 1) if match.start(g) >= 0), match.start())
                    line = text.count("\n", 0, at)
                    col = at - (text.rfind("\n", 0, at) + 1) + 1
                    return self.first_line + lo + line, col
        return self.first_line + start, 1


def _too_dense(body: str) -> Message | None:
    """Why a body would take unreasonably long to render (see DENSE_FROM), or None."""
    if len(body) <= DENSE_FROM:
        return None
    delimiters = len(DELIMITERS.findall(body))
    if delimiters > DENSE_SHARE * len(body):
        return message("KB-E413", procent=round(100 * delimiters / len(body)))
    lines = body.count("\n")
    if lines > SHORT_LINES_SHARE * len(body):
        return message("KB-E414", regels=lines, gemiddeld=len(body) // max(lines, 1))
    return None


def render_body(body: str, first_line: int, page: str, gate: bool = True) -> RenderedBody:
    """The body of the record whose page is `page`, as HTML to publish, with every problem found.

    `gate=False` switches the sanitiser and the checks off: only for the test that proves the
    gate is what stops an unsafe body.
    """
    source = _Source(body, first_line)
    too_dense = _too_dense(body) if gate else None
    if too_dense:
        return RenderedBody("", (Problem(first_line, 1, too_dense),), (), ())

    env: dict = {}
    tokens = _MD.parse(body, env)
    problems: list[Problem] = []
    links: list[PageLink] = []
    headings = _prepare(tokens, page, source, problems, links)
    for label, reference in sorted(env.get("references", {}).items()):
        written = mdurl.decode(reference.get("href", ""))
        problem = url_problem("a", "href", written)
        if gate and problem:
            line, col = source.place(None, [re.compile(re.escape(written[:80]), re.IGNORECASE),
                                            re.compile(r"^[ ]{0,3}\[" + re.escape(label[:40]) + r"\]:[ \t]*<?()",
                                                       re.IGNORECASE | re.MULTILINE)])
            problems.append(Problem(line, col, problem))
    heading_ids = frozenset(h.id for h in headings)
    rendered = _MD.renderer.render(tokens, _MD.options, env)
    if not gate:
        return RenderedBody(rendered, (), tuple(links), headings)
    cleaned = sanitise(rendered, heading_ids)
    if cleaned != rendered and walk(rendered, heading_ids).tokens != walk(cleaned, heading_ids).tokens:
        problems += _removals(tokens, env, source, heading_ids, problems)
    unique = sorted(set(problems), key=lambda p: (p.line, p.col, p.message))
    return RenderedBody(cleaned, tuple(unique), tuple(links), headings)


def _removals(tokens: list[Token], env: dict, source: _Source, heading_ids: frozenset[str],
              known: list[Problem]) -> list[Problem]:
    """What the sanitiser removes, block by block, so each problem gets the line where it was written.

    Only for a body the sanitiser changes: a clean body is judged whole, in one pass.
    """
    problems: list[Problem] = []
    for start, end in _blocks(tokens):
        block_tokens = tokens[start:end]
        rendered = _MD.renderer.render(block_tokens, _MD.options, env)
        cleaned = sanitise(rendered, heading_ids)
        if cleaned == rendered:
            continue
        walked = walk(rendered, heading_ids)
        if walked.tokens == walk(cleaned, heading_ids).tokens:
            continue
        block_lines = tuple(block_tokens[0].map) if block_tokens[0].map else None
        named = list(dict.fromkeys(walked.violations))
        for kind, tag, attribute, value in named:
            line, col = source.place(block_lines, hints(kind, tag, attribute, value))
            problems.append(Problem(line, col, explain(kind, tag, attribute, value)))
        if not named and not _already_reported(block_lines, source.first_line, [*known, *problems]):
            problems.append(_changed_html(*source.place(block_lines, [])))
    if not problems and not known:
        problems.append(_changed_html(source.first_line, 1))
    return problems


def _already_reported(block_lines: tuple[int, int] | None, first_line: int, problems: list[Problem]) -> bool:
    return bool(block_lines) and any(first_line + block_lines[0] <= p.line < first_line + block_lines[1]
                                     for p in problems)


def _changed_html(line: int, col: int) -> Problem:
    return Problem(line, col, message("KB-E415"))


def _prepare(tokens: list[Token], page: str, source: _Source, problems: list[Problem],
             links: list[PageLink]) -> tuple[Heading, ...]:
    """Give headings their generated ids, table cells their alignment class, and page links their URL.

    Also reports what Markdown shows as plain text although the editor meant more by it: attribute
    syntax (`{: … }`) and text that looks like an HTML tag but is none.
    """
    headings: list[Heading] = []
    used = set(RESERVED_IDS)
    last_number: dict[str, int] = {}
    block_lines: tuple[int, int] | None = None
    for index, token in enumerate(tokens):
        if token.map:
            block_lines = tuple(token.map)
        if token.type == "heading_open":
            text = _inline_text(tokens[index + 1] if index + 1 < len(tokens) else None)
            base = slugify(text) or "kop"
            slug, number = base, last_number.get(base, 1)
            while slug in used:
                number += 1
                slug = f"{base}-{number}"
            last_number[base] = number
            used.add(slug)
            token.attrSet("id", slug)
            if token.tag in HEADINGS:
                headings.append(Heading(int(token.tag[1]), slug, text))
        elif token.type in ("th_open", "td_open"):
            style = token.attrGet("style")
            if style is not None:
                token.attrs.pop("style")
                token.attrSet("class", ALIGN_CLASSES.get(str(style), "kb-links"))
        elif token.type == "inline":
            _prepare_inline(token.children or [], page, source, block_lines, problems, links)
    return tuple(headings)


def _prepare_inline(children: list[Token], page: str, source: _Source, block_lines: tuple[int, int] | None,
                    problems: list[Problem], links: list[PageLink]) -> None:
    def report(hints: list[re.Pattern], text: Message) -> None:
        line, col = source.place(block_lines, hints)
        problems.append(Problem(line, col, text))

    for child in children:
        if child.type == "text":
            for match in _ATTRIBUTE_SYNTAX.finditer(child.content):
                report([re.compile(re.escape(match.group(0)))], message("KB-E417", tekst=match.group(0)[:40]))
            for match in _LOOKS_LIKE_TAG.finditer(child.content):
                report([re.compile(re.escape(match.group(0)))], message("KB-E418", tekst=match.group(0)[:40]))
        elif child.type in ("link_open", "image"):
            attribute = "href" if child.type == "link_open" else "src"
            written = mdurl.decode(str(child.attrGet(attribute) or ""))
            if url_problem(child.tag, attribute, written):
                child.attrSet(attribute, written)  # as written, so the walker names what the editor wrote
            elif child.type == "link_open":
                _page_link(child, page, source, block_lines, links)


def _page_link(token: Token, page: str, source: _Source, block_lines: tuple[int, int] | None,
               links: list[PageLink]) -> None:
    """A relative link to a `.md` file becomes a link to that page; the target is checked against the site."""
    href = str(token.attrGet("href") or "")
    path, _, fragment = href.partition("#")
    if not path.endswith(".md") or urlsplit(path).scheme or path.startswith("/"):
        return
    target = resolve(page, path)
    line, col = source.place(block_lines, [re.compile(re.escape(path))])
    links.append(PageLink(target or path, path, line, col))
    if target is not None:
        token.attrSet("href", relative(page, target) + (f"#{fragment}" if fragment else ""))

