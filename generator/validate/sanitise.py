"""The allowlist a record body is published under, and what explains a removal to the editor.

`sanitise` is the gate: nh3 (the Ammonia sanitiser) lets through only `POLICY`. `walk` reads the
same HTML against the same policy with Python's HTML parser, to name what nh3 would remove
(element, attribute, class or URL) so that `check` can say it at the editor's line; `explain`
and `hints` turn such a finding into a Dutch message and into patterns that find it in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from generator.core.messages import Message, message

HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
ALIGN_CLASSES = {"text-align:left": "kb-links", "text-align:center": "kb-midden", "text-align:right": "kb-rechts"}


@dataclass(frozen=True)
class Policy:
    """What a body may contain: elements with their attributes, classes, and link schemes."""

    attributes: dict[str, frozenset[str]]
    classes: dict[str, frozenset[str]]
    link_schemes: frozenset[str]
    dropped_with_content: frozenset[str]


POLICY = Policy(
    attributes={
        **{tag: frozenset() for tag in (
            "p", "br", "hr", "ul", "li", "blockquote", "pre", "code", "em", "strong", "del", "s", "sub", "sup",
            "kbd", "table", "caption", "thead", "tbody", "tr", "dl", "dt", "dd", "summary")},
        "details": frozenset({"open"}),
        **{tag: frozenset({"id"}) for tag in HEADINGS},
        "ol": frozenset({"start"}),
        "abbr": frozenset({"title"}),
        "a": frozenset({"href", "title"}),
        "img": frozenset({"src", "alt", "title", "width", "height"}),
        "th": frozenset({"colspan", "rowspan", "scope"}),
        "td": frozenset({"colspan", "rowspan"}),
    },
    classes={"th": frozenset(ALIGN_CLASSES.values()), "td": frozenset(ALIGN_CLASSES.values())},
    link_schemes=frozenset({"https", "mailto"}),
    dropped_with_content=frozenset({"script", "style"}),
)


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})
_URL_NOISE = re.compile(r"[\x00-\x20\\]")


# ---------------------------------------------------------------- URLs

def url_problem(tag: str, attribute: str, value: str) -> Message | None:
    """Why a URL in `tag.attribute` may not be published, or None when it may.

    Judged as a browser reads it: tabs, line breaks and spaces inside a scheme are ignored there
    ('jav&#x09;ascript:' is 'javascript:'), so they are dropped before the scheme is read.
    """
    cleaned = _URL_NOISE.sub("", value)
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return message("KB-E401", waarde=value)
    scheme = parts.scheme.lower()
    if tag == "img":
        if scheme or cleaned.startswith("//"):
            return message("KB-E402")
    elif scheme == "http":
        return message("KB-E403")
    elif scheme and scheme not in POLICY.link_schemes:
        return message("KB-E404", schema=scheme)
    elif not scheme and cleaned.startswith("//"):
        return message("KB-E405")
    if cleaned != value:
        return message("KB-E406", waarde=value)
    return None


_URL_ATTRIBUTES = {("a", "href"), ("img", "src")}


# ---------------------------------------------------------------- HTML walking

class Walker(HTMLParser):
    """The normalised token stream of an HTML fragment and, against the policy, what is not allowed in it."""

    def __init__(self, heading_ids: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.heading_ids = heading_ids
        self.tokens: list[tuple] = []
        self.violations: list[tuple[str, str, str, str]] = []
        """(kind, tag, attribute, value): kind is 'element', 'attribute', 'class' or 'url'."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = sorted((name, value or "") for name, value in attrs)
        self.tokens.append(("start", tag, tuple(values)))
        self._judge(tag, values)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.tokens.append(("end", tag))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("text", data))

    def _judge(self, tag: str, attrs: list[tuple[str, str]]) -> None:
        allowed = POLICY.attributes.get(tag)
        if allowed is None:
            self.violations.append(("element", tag, "", ""))
            return
        for name, value in attrs:
            if name == "class" and tag in POLICY.classes:
                if not set(value.split()) <= POLICY.classes[tag]:
                    self.violations.append(("attribute", tag, name, value))
            elif name not in allowed:
                self.violations.append(("attribute", tag, name, value))
            elif name == "id" and value not in self.heading_ids:
                self.violations.append(("attribute", tag, name, value))
            elif (tag, name) in _URL_ATTRIBUTES and url_problem(tag, name, value):
                self.violations.append(("url", tag, name, value))


def walk(fragment: str, heading_ids: frozenset[str]) -> Walker:
    walker = Walker(heading_ids)
    walker.feed(fragment)
    walker.close()
    return walker


def sanitise(fragment: str, heading_ids: frozenset[str] = frozenset()) -> str:
    """The fragment as nh3 lets it through under POLICY; the only HTML the site publishes from a body."""
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return value if tag in HEADINGS and value in heading_ids else None
        if (tag, attribute) in _URL_ATTRIBUTES and url_problem(tag, attribute, value):
            return None
        return value

    return nh3.clean(
        fragment,
        tags=set(POLICY.attributes),
        clean_content_tags=set(POLICY.dropped_with_content),
        attributes={tag: set(names) for tag, names in POLICY.attributes.items()},
        allowed_classes={tag: set(names) for tag, names in POLICY.classes.items()},
        url_schemes=set(POLICY.link_schemes),
        attribute_filter=keep,
        link_rel=None,
        strip_comments=True,
    )


# ---------------------------------------------------------------- messages

def explain(kind: str, tag: str, attribute: str, value: str) -> Message:
    if kind == "element" and tag == "h1":
        return message("KB-E407")
    if kind == "element":
        return message("KB-E408", tag=tag)
    if kind == "url":
        return url_problem(tag, attribute, value) or message("KB-E415")
    if attribute.startswith("on"):
        return message("KB-E409", attribuut=attribute)
    if attribute == "class" and tag in POLICY.classes:
        return message("KB-E410", waarde=value, tag=tag)
    if attribute == "id":
        return message("KB-E411")
    allowed = sorted(POLICY.attributes.get(tag, frozenset()) - {"id"})
    which = f" (op <{tag}> mag alleen {', '.join(allowed)})" if allowed else ""
    return message("KB-E412", attribuut=attribute, tag=tag, toegestaan=which)


def hints(kind: str, tag: str, attribute: str, value: str) -> list[re.Pattern]:
    """Where in the source an editor wrote what the walker found, most precise first."""
    hints = []
    if kind == "url":
        if value:
            hints.append(re.compile(re.escape(value[:80]), re.IGNORECASE))
        scheme = value.split(":", 1)[0] if ":" in value else ""
        if scheme:
            hints.append(re.compile(r"\s*".join(map(re.escape, scheme)) + r"\s*:", re.IGNORECASE))
        hints.append(re.compile(r"\b" + attribute + r"\s*=\s*[\"']?()|\]\(\s*<?()|\]:[ \t]*<?()", re.IGNORECASE))
    elif kind == "attribute":
        hints.append(re.compile(r"(?<![\w-])" + re.escape(attribute) + r"(?![\w-])", re.IGNORECASE))
    else:
        hints.append(re.compile(r"<\s*" + re.escape(tag) + r"(?![\w-])", re.IGNORECASE))
        if tag == "h1":
            hints.append(re.compile(r"^[ ]{0,3}#(?!#)|^=+\s*$", re.MULTILINE))
    return hints
