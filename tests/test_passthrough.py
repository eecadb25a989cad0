"""`make site` hands finished HTML pages to MkDocs as they are (generator/engines/passthrough.py).

The promise that makes this safe: the site is the one stock MkDocs builds from the export, where
Python-Markdown parses the same HTML. Both builds of the repository's own site are compared page
by page; the stock build also uses Material's own navigation instead of our lean copy
(overrides/partials/nav.html). The only differences allowed are the security policy the plugin
adds, whitespace between and inside tags, and one of Python-Markdown's habits: it wraps a `<link>`
that starts a line in a paragraph (`<p><link …></p>`), which the pass-through does not copy.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT, run_generator
from generator.engines.build import PASSTHROUGH_PLUGIN


def _mkdocs(project: Path, config: Path, site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                             "-d", str(site)], cwd=project, capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr[-3000:]


def _normalised(html: str) -> str:
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', "", html)  # the build's plugin adds it
    html = re.sub(r"<p>(<link [^>]*>)</p>", r"\1", html)
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html))


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory) -> tuple[Path, Path, int]:
    work = tmp_path_factory.mktemp("doorgeven")
    project = work / "project"
    result = run_generator("export", str(project))
    assert result.returncode == 0, result.stderr
    yaml = YAML()
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [*config.get("plugins", []), PASSTHROUGH_PLUGIN]
    with (project / "doorgeven.yml").open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    _mkdocs(project, project / "doorgeven.yml", work / "doorgegeven")
    (project / "overrides" / "partials" / "nav.html").unlink()  # the stock build uses Material's own navigation
    _mkdocs(project, project / "mkdocs.yml", work / "stock")
    marked = sum(1 for page in (project / "docs").rglob("*.md") if "\nkb_html: true\n" in page.read_text(encoding="utf-8"))
    return work / "stock", work / "doorgegeven", marked


def test_passed_through_pages_equal_what_markdown_makes_of_them(both_builds):
    stock, passed, marked = both_builds
    pages = sorted(stock.rglob("*.html"))
    assert len(pages) == len(list(passed.rglob("*.html")))
    different = [page.relative_to(stock).as_posix() for page in pages
                 if _normalised(page.read_text(encoding="utf-8"))
                 != _normalised((passed / page.relative_to(stock)).read_text(encoding="utf-8"))]
    assert not different, different[:10]
    projects = len(list((ROOT / "content" / "projects").glob("*.md")))
    assert marked > projects, "record pages and listings go through as HTML"
