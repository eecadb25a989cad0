"""The generated site: golden pages, escaping, determinism, atomic builds, export to other engines."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, run_generator
from generator.catalog.catalog import build_catalog
from generator.core.dutch import period_text as dutch_period
from generator.render.renderer import SiteSettings, relative
from generator.site import generate
from generator.validate.check import check_content

GOLDEN = ROOT / "tests" / "golden"
GOLDEN_PAGES = ["projecten/volledig-record.md", "projecten/minimaal-record.md", "projecten/vijandige-titel.md",
                "regelingen/proefregeling.md", "themas/werken-in-netwerken.md", "gemeenten/index.md"]


def make_project(tmp: Path, records: Path | None = GOLDEN / "content") -> Path:
    """A site project like the repository's, with the real vocabularies and register and chosen records."""
    project = tmp / "project"
    (project / "content").mkdir(parents=True)
    for name in ("vocabulaires.yaml", "gemeenten.yaml", "organisaties.yaml", "bronnen.yaml"):
        shutil.copy(ROOT / "content" / name, project / "content" / name)
    if records is not None:
        for kind in ("projects", "schemes"):
            shutil.copytree(records / kind, project / "content" / kind)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "docs").mkdir()
    (project / "docs" / "over.md").write_text("# Over deze kennisbank\n\nTestproject.\n", encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def golden_pages(project: Path) -> dict[str, str | bytes]:
    generated = generate(project / "content", SiteSettings(repo_url="https://github.com/voorbeeld/kennisbank"))
    assert generated.ok, [d.format_text() for d in generated.diagnostics]
    return generated.files


@pytest.fixture(scope="module")
def golden_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("golden"))


@pytest.fixture(scope="module")
def golden_files(golden_project) -> dict[str, str | bytes]:
    """The golden project's generated pages, once for the tests that read them."""
    return golden_pages(golden_project)


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_golden_markdown(golden_files, page, request):
    """The rendered Markdown of representative pages; regenerate with `pytest --update-golden`."""
    actual = golden_files[page]
    expected_file = GOLDEN / "pages" / page
    if request.config.getoption("--update-golden"):
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.is_file(), f"{expected_file} ontbreekt; draai pytest --update-golden"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_front_matter_value_is_escaped(golden_files):
    page = golden_files["projecten/vijandige-titel.md"]
    meta, body = page.split("\n---\n", 1)
    assert '"' not in meta.split("title: ", 1)[1].split("\n")[0][1:-1], "a quote could end an HTML attribute"
    for raw in ("<img src=x", "<script>", "<svg onload"):
        assert raw not in body, raw
    assert "R&amp;D &lt;img src=x onerror=alert(1)&gt; {{ 7*7 }}" in page
    assert 'title: "R&amp;D &lt;img' in page


def test_generation_is_deterministic(golden_project, golden_files):
    assert golden_pages(golden_project) == golden_files


def test_dutch_periods():
    from generator.model.records import Period

    assert dutch_period(Period(start="2018-11", einde="2020-01")) == "november 2018 – januari 2020"
    assert dutch_period(Period(start="2019-06-13", einde="2019-07-16")) == "13 juni 2019 – 16 juli 2019"
    assert dutch_period(Period(start="2018")) == "vanaf 2018"
    assert dutch_period(Period(einde="2019-11-01")) == "tot 1 november 2019"


def test_relative_links_between_directory_urls():
    assert relative("projecten/a.md", "themas/b.md") == "../../themas/b/"
    assert relative("index.md", "themas/b.md") == "themas/b/"
    assert relative("themas/index.md", "themas/b.md") == "b/"
    assert relative("themas/b.md", "index.md") == "../../"
    assert relative("themas/b/pagina-2.md", "themas/b.md") == "../"


def test_fusion_organisation_lists_its_municipalities(golden_project):
    content = check_content(golden_project / "content")
    catalog = build_catalog(content)
    names = [v.naam for v in catalog.facets["gemeenten"].values if "volledig-record" in v.record_ids]
    assert {"Son en Breugel", "Nuenen, Gerwen en Nederwetten", "Geldrop-Mierlo", "Súdwest-Fryslân", "'s-Gravenhage"} <= set(names)
    provinces = [v.naam for v in catalog.facets["provincies"].values if "volledig-record" in v.record_ids]
    assert provinces == ["Fryslân", "Noord-Brabant", "Zuid-Holland"]


def test_listing_pages_are_paginated_so_pages_stay_small(tmp_path):
    project = make_project(tmp_path, records=None)
    projects = project / "content" / "projects"
    projects.mkdir()
    for number in range(120):
        (projects / f"record-{number:03d}.md").write_text(
            "---\nschema_versie: 1\ntitel: Record %d\nsoort: project\nkorte_beschrijving: Kort.\n"
            "organisaties: [Leiden]\nthemas: [werken-in-netwerken]\nstatus: onbekend\nbronnen: [ao-fonds-subsidie-2019]\n"
            "laatst_beoordeeld: 2026-11-23\n---\nTekst.\n" % number, encoding="utf-8")
    (project / "content" / "schemes").mkdir()
    files = golden_pages(project)
    assert {"projecten/index.md", "projecten/pagina-2.md", "projecten/pagina-3.md"} <= set(files)
    assert "projecten/pagina-4.md" not in files
    assert {"themas/werken-in-netwerken.md", "themas/werken-in-netwerken/pagina-3.md"} <= set(files)
    assert files["projecten/index.md"].count('class="kb-card"') == 50


# ------------------------------------------------------------------ builds

def build(project: Path, site: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_generator("build", "--content", str(project / "content"), "--config", str(project / "mkdocs.yml"),
                         "--site-dir", str(site), "--no-search", *extra, cwd=project)


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` run directly in a project folder, as an MkDocs user would."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project,
                          capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def test_build_is_byte_identical_twice(golden_project, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert build(golden_project, first).returncode == 0
    assert build(golden_project, second).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_failed_check_leaves_previous_site_untouched(tmp_path):
    project = make_project(tmp_path)
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    (site / "marker.txt").write_text("vorige site", encoding="utf-8")
    broken = project / "content" / "projects" / "kapot.md"
    broken.write_text("---\ntitel: [niet afgesloten\n---\n", encoding="utf-8")
    result = build(project, site)
    assert result.returncode == 1
    assert "content/projects/kapot.md:2:8: error" in result.stderr and "ongewijzigd" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "marker.txt").read_text(encoding="utf-8") == "vorige site"
    assert not list(tmp_path.glob("site.new-*")), "staging folder left behind"


def test_failed_engine_build_leaves_previous_site_untouched(tmp_path):
    project = make_project(tmp_path)
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    (site / "marker.txt").write_text("vorige site", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Home: index.md\n",
                                                                 "  - Home: index.md\n  - Weg: bestaat-niet.md\n"),
                      encoding="utf-8")
    (project / "docs" / "over.md").write_text("# Over\n\n[kapot](bestaat-ook-niet.md)\n", encoding="utf-8")
    assert build(project, site).returncode == 1
    assert (site / "marker.txt").is_file()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


def broken_links(site: Path) -> list[str]:
    """Every relative href/src in every page must point at a file in the built site."""
    problems = []
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("#", "mailto:")) or not parts.path:
                continue
            if parts.path.startswith("/"):
                resolved = site / unquote(parts.path).lstrip("/")
            else:
                resolved = (page.parent / unquote(parts.path)).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists() and page.name != "404.html":
                problems.append(f"{page.relative_to(site)} -> {target}")
    return problems


def test_golden_site_has_no_broken_links(golden_project, tmp_path):
    site = tmp_path / "site"
    assert build(golden_project, site).returncode == 0
    assert broken_links(site) == []
    hostile = (site / "projecten" / "vijandige-titel" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", hostile, re.IGNORECASE)
    assert "<img src=x" not in hostile and "<svg onload" not in hostile and "<script>alert" not in hostile


def test_real_site_has_no_broken_links(built_site):
    assert broken_links(built_site) == []


def test_records_stay_out_of_the_global_navigation(built_site):
    """Navigation is a handful of sections on every page, however many records there are."""
    record_pages = list((built_site / "projecten").glob("*/index.html"))
    assert record_pages
    for page in record_pages[:5]:
        html = page.read_text(encoding="utf-8")
        nav_links = re.findall(r'class="md-nav__link[^"]*"', html)
        assert len(nav_links) <= 25, (page, len(nav_links))


def test_footer_speaks_dutch_and_marks_english_names(built_site):
    """Screen readers read a page in its language (nl); English words need lang="en" (WCAG 3.1.2)."""
    for page in ("index.html", "zoeken/index.html", "over/index.html", "404.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        footer = re.search(r'<div class="md-copyright">(.*?)</div>\s*</div>', html, re.DOTALL)
        assert footer, page
        text = footer.group(1)
        assert "Made with" not in text and "Gemaakt met" in text, page
        names = re.findall(r"<a [^>]*>\s*(?:MkDocs|Material for MkDocs)\s*</a>", text)
        assert names and all('lang="en"' in name for name in names), (page, names)
        assert 'target="_blank"' not in text, page


# ------------------------------------------------------------------ export

@pytest.fixture(scope="module")
def exported(golden_project, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "project"
    result = run_generator("export", str(out), "--content", str(golden_project / "content"),
                           "--config", str(golden_project / "mkdocs.yml"), cwd=golden_project)
    assert result.returncode == 0, result.stderr
    return out


def test_export_is_a_plain_mkdocs_project(exported):
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "kennisbank" not in re.sub(r"#.*", "", config).split("plugins:")[1].split("\n")[0]
    assert (exported / "docs" / "projecten" / "volledig-record.md").is_file()
    assert (exported / "docs" / "assets" / "kennisbank" / "kennisbank.css").is_file()


def test_export_builds_with_stock_mkdocs(exported, tmp_path):
    result = mkdocs_build(exported, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "projecten" / "vijandige-titel" / "index.html").read_text(encoding="utf-8")
    assert "<title>R&amp;D &lt;img src=x onerror=alert(1)&gt; {{ 7*7 }}" in page
    footer = page.split('<footer class="md-footer">')[1]
    assert 'href="../../over/"' in footer, "the project's docs have over.md: the footer links it"
    assert "privacy/" not in footer and "colofon/" not in footer, "pages the project lacks are left out"


def test_export_builds_with_zensical(exported, tmp_path):
    zensical = Path(sys.executable).parent / "zensical"
    assert zensical.exists(), "zensical hoort in requirements.lock"
    work = tmp_path / "z"
    shutil.copytree(exported, work)
    result = subprocess.run([str(zensical), "build"], cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (work / "site" / "projecten" / "volledig-record" / "index.html").read_text(encoding="utf-8")
    assert "Samen leren in de regio" in page and "Son en Breugel" in page
    hostile = (work / "site" / "projecten" / "vijandige-titel" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in hostile and "&lt;img src=x onerror=alert(1)&gt;" in hostile


def test_export_refuses_a_folder_with_other_files(golden_project, tmp_path):
    (tmp_path / "iets.txt").write_text("van iemand anders", encoding="utf-8")
    result = run_generator("export", str(tmp_path), "--content", str(golden_project / "content"),
                           "--config", str(golden_project / "mkdocs.yml"), cwd=golden_project)
    assert result.returncode == 2 and "niet leeg" in result.stderr
    assert (tmp_path / "iets.txt").is_file()


def test_renderer_never_imports_mkdocs():
    code = ("import sys, generator.site, generator.render.renderer, generator.catalog.catalog, generator.validate.check; "
            "print('mkdocs' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "False"


def test_plugin_build_equals_site_build(golden_project, tmp_path):
    """`mkdocs build` with our plugin and `make site` (export + stock MkDocs) give the same pages."""
    via_site = tmp_path / "site"
    assert build(golden_project, via_site).returncode == 0
    via_plugin = tmp_path / "plugin"
    result = mkdocs_build(golden_project, via_plugin)
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(via_site) for p in via_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(via_plugin) for p in via_plugin.rglob("*.html"))
    for name in pages:
        assert (via_site / name).read_bytes() == (via_plugin / name).read_bytes(), name


def test_serve_rebuilds_when_content_changes(tmp_path):
    import socket
    import time
    import urllib.request

    project = make_project(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), start_new_session=True)
    url = f"http://127.0.0.1:{port}/projecten/minimaal-record/"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(text: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if text in fetch():
                return True
            time.sleep(0.5)
        return False

    try:
        assert wait_for("Klein begin"), "serve kwam niet op"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/pagefind/pagefind.js", timeout=5) as response:
            assert response.status == 200, "zoeken hoort ook in serve te werken"
        record = project / "content" / "projects" / "minimaal-record.md"
        record.write_text(record.read_text(encoding="utf-8").replace("Klein begin", "Groot vervolg"), encoding="utf-8")
        assert wait_for("Groot vervolg"), "serve bouwde niet opnieuw na een wijziging in content/"
    finally:
        server.terminate()
        try:
            stopped = server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            stopped = None  # killed below; the assert after this block reports it
        try:
            os.killpg(server.pid, signal.SIGKILL)  # anything it may have started
        except ProcessLookupError:
            pass
        server.wait(timeout=10)
    assert stopped == 128 + signal.SIGTERM, f"serve stopte niet netjes bij SIGTERM (code {stopped})"


def test_settings_have_one_set_of_defaults():
    from generator.render.settings import SiteSettings

    assert SiteSettings.from_options({}) == SiteSettings()
    assert SiteSettings.from_options({"content": None, "repository": None, "edit_branch": None}) == SiteSettings()
    chosen = SiteSettings.from_options({"content": "inhoud", "repository": "https://github.com/x/y",
                                        "edit_branch": "hoofd", "onbekend": 1}, "https://kennisbank.vng.nl/")
    assert chosen == SiteSettings("https://github.com/x/y", "hoofd", "inhoud", "https://kennisbank.vng.nl/")


def test_pages_carry_link_previews_with_escaped_text(golden_project, tmp_path):
    """Open Graph tags on every built page, with the page's own title and summary, escaped."""
    import html as html_module

    site = tmp_path / "site"
    assert build(golden_project, site).returncode == 0
    page = (site / "projecten" / "vijandige-titel" / "index.html").read_text(encoding="utf-8")
    meta = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">', page))
    assert html_module.unescape(meta["og:title"]) == "R&D <img src=x onerror=alert(1)> {{ 7*7 }}"
    assert "<" not in meta["og:title"] and meta["og:type"] == "article" and meta["og:locale"] == "nl_NL"
    assert meta["og:url"].endswith("/projecten/vijandige-titel/")
    home = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">',
                           (site / "index.html").read_text(encoding="utf-8")))
    assert home["og:type"] == "website" and home["og:description"]
    assert meta["og:image"].endswith("/assets/kennisbank/deelbeeld.png") and meta["og:image"].startswith("https://")
    image = site / "assets" / "kennisbank" / "deelbeeld.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and image.read_bytes()[16:24] == (1200).to_bytes(4, "big") + (630).to_bytes(4, "big")


def test_a_municipality_page_says_which_records_it_only_reuses(golden_files):
    """A reader who calls a municipality about a practice should know whether it built or reuses it:
    the golden full record is built by others and reused by Den Haag ('s-Gravenhage)."""
    reuser = golden_files["gemeenten/s-gravenhage.md"]
    assert 'class="kb-reused"' in reuser and "volledig-record/" in reuser.split('class="kb-reused"', 1)[1]
    assert 'class="kb-reused"' not in golden_files["gemeenten/leiden.md"]


def test_relative_links_agree_with_the_file_system_rules():
    """core.paths.relative is string work; posixpath.relpath on the page URLs is the reference."""
    import posixpath
    from generator.core.paths import url_of
    pages = ["index.md", "over.md", "projecten/index.md", "projecten/a.md", "projecten/pagina-2.md",
             "themas/x.md", "themas/x/pagina-3.md", "gemeenten/index.md", "muur/qr/a.md", "projecten/ab.md"]
    for here in pages:
        for there in pages:
            link = posixpath.relpath(url_of(there) or ".", url_of(here) or ".")
            expected = "./" if link == "." else link + "/"
            assert relative(here, there) == expected, (here, there)
