"""Every link and anchor inside the built site resolves: no 404 behind a link, no #anchor that is not there.

A small checker of our own (the standard library's HTML parser), because the maintained ones fetch
over HTTP and the site must be checked offline: it reads every .html file of the built site, resolves
each href, src, form action and meta refresh the way a browser does against the page's own address,
and looks the target up on disk (a folder means its index.html), the #fragment up among the target's
ids. Links to other sites are listed in test-artifacts/a11y/externe-links.txt, never fetched.
The checker is tested on a small site with known mistakes first.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import ARTIFACTS

BASE = "http://kennisbank.test/"
"""The site's root for resolving; absolute links to the deployed address (site_url) count as internal."""
SITE_URL = "https://kennisbank.example.nl/"
SKIPPED_SCHEMES = ("mailto", "tel", "data", "blob")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        line = self.getpos()[0]
        for name in ("href", "src", "action"):
            if name in values and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append((line, values[name]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = re.search(r"url=(.+)$", values.get("content", ""), re.IGNORECASE)
            if match:
                self.links.append((line, match.group(1).strip()))


def page_address(site: Path, file: Path) -> str:
    """The address a page is served at: foo/index.html is /foo/, 404.html is /404.html."""
    relative = file.relative_to(site).as_posix()
    return BASE + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def target_file(site: Path, address: str) -> Path | None:
    path = unquote(urlsplit(address).path)
    candidate = site / path.lstrip("/")
    if path.endswith("/"):
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_site(site: Path) -> tuple[list[str], list[str]]:
    """(problems, external links) of a built site; each problem names the page and line."""
    pages = {file: _parse(file) for file in sorted(site.rglob("*.html"))}
    problems, external = [], set()
    for file, parsed in pages.items():
        here = page_address(site, file)
        for line, link in parsed.links:
            where = f"{file.relative_to(site)}:{line}: {link}"
            if link.startswith(SITE_URL):
                link = BASE + link[len(SITE_URL):]
            scheme = urlsplit(link).scheme.lower()
            if scheme in SKIPPED_SCHEMES:
                continue
            if scheme == "javascript":
                problems.append(f"{where}: javascript-link")
                continue
            if link.startswith("//") and not urlsplit(link).netloc:
                problems.append(f"{where}: adres zonder server")  # '//' from an empty base_url
                continue
            address = urljoin(here, link)
            if not address.startswith(BASE):
                external.add(address)
                continue
            target = target_file(site, address)
            if target is None:
                problems.append(f"{where}: bestaat niet")
                continue
            fragment = unquote(urlsplit(address).fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if fragment not in ids:
                    problems.append(f"{where}: anker #{fragment} bestaat niet")
    return problems, sorted(external)


def _parse(file: Path) -> _Page:
    parser = _Page()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def test_the_checker_finds_each_kind_of_broken_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h1 id="top">A</h1><a href="../b/#er">goed</a><a href="../b/#weg">anker weg</a>'
        '<a href="../c/">pagina weg</a><a href="//">protocol-relatief</a><a href="https://elders.nl/x">extern</a>'
        '<a href="#top">hier</a><a href="mailto:x@y.nl">mail</a><img src="../plaatje.png" alt="">'
        '<meta http-equiv="refresh" content="0; url=../weg/">', encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<p id="er">B</p>', encoding="utf-8")
    problems, external = check_site(tmp_path)
    assert problems == ["a/index.html:1: ../b/#weg: anker #weg bestaat niet",
                        "a/index.html:1: ../c/: bestaat niet",
                        "a/index.html:1: //: adres zonder server",
                        "a/index.html:1: ../plaatje.png: bestaat niet",
                        "a/index.html:1: ../weg/: bestaat niet"], problems
    assert external == ["https://elders.nl/x"]


def test_every_internal_link_and_anchor_resolves(built_site):
    problems, external = check_site(built_site)
    ARTIFACTS.joinpath("a11y").mkdir(parents=True, exist_ok=True)
    ARTIFACTS.joinpath("a11y", "externe-links.txt").write_text("\n".join(external) + "\n", encoding="utf-8")
    assert problems == [], "\n".join(problems[:40]) + f"\n({len(problems)} in totaal)"
