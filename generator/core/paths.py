"""Where generated pages live and how they link to each other.

Shared by the renderer (links between generated pages) and the body renderer (an editor's
link to another record's `.md` file becomes a link to that record's page), so both agree
on one set of rules. Pure string functions.
"""

from __future__ import annotations

import posixpath


def project_path(record_id: str) -> str:
    return f"projecten/{record_id}.md"


def scheme_path(scheme_id: str) -> str:
    return f"regelingen/{scheme_id}.md"


def page_path(kind: str, record_id: str) -> str:
    """The generated page of a record of either kind ('projects' or 'schemes')."""
    return scheme_path(record_id) if kind == "schemes" else project_path(record_id)


def url_of(path: str) -> str:
    """Site URL of a generated Markdown file with directory URLs: 'themas/x.md' -> 'themas/x/'."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    return stem if stem.endswith("/") or not stem else stem + "/"


def relative(from_path: str, to_path: str) -> str:
    """Relative link from one generated page to another (both given as Markdown paths).

    Plain string work rather than posixpath.relpath, which asks the operating system for the
    working folder on every call: a site of 5,000 records makes hundreds of thousands of links."""
    source = [part for part in url_of(from_path).split("/") if part]
    target = [part for part in url_of(to_path).split("/") if part]
    common = 0
    while common < min(len(source), len(target)) and source[common] == target[common]:
        common += 1
    parts = [".."] * (len(source) - common) + target[common:]
    return "/".join(parts) + "/" if parts else "./"


def resolve(from_path: str, target: str) -> str | None:
    """The page a relative Markdown link in `from_path` points at ('../x/y.md'), or None outside the site."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), target))
    return None if joined.startswith("../") or joined == ".." or joined.startswith("/") else joined


SITE_PAGES = ("index.md", "projecten/index.md", "regelingen/index.md", "zoeken/index.md", "rekenhulp/index.md",
              "gemeenten/index.md", "provincies/index.md", "over.md")
"""Pages of every site that a record may link to besides records and facet overviews (a test keeps it true)."""
