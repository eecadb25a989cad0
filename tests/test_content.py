"""Checks on the content itself, independent of the validator.

- Originality: no record or hand-written page shares a run of 12 words with a source document
  or with the excerpts of public web pages in tests/data/bronfragmenten/ (the sources are the
  facts, the wording on the site is our own). Values of fields that are
  quotations by design (`*zoals_gepubliceerd`, `titel`, `bijlagen`, `beleidsthemas`, `zin`) and
  short quotations marked with double quotes in running text are left out of that comparison,
  but only where they really are quotations: their words must occur in a source.
- Claims: every status that the vocabulary marks `bron_nodig` (gepland, lopend, afgerond) has a
  `status_bron` naming one of the record's sources; every `zin` of a status or reuse line occurs
  word for word in the source it names (where that source's text is at hand).
- Coverage: every project of the A&O fonds page has a record with the published title; the West
  Betuwe plan and at least four schemes exist; every `bronnen` entry is a known source.
- Scheme figures: the subsidy shares and limits equal the calculator's test vectors.

Front matter is read with ruamel.yaml directly (split at the `---` lines), so these tests do not
depend on the generator.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterator

import pytest
from ruamel.yaml import YAML

from conftest import IN_CI, ROOT, SHARED, vectors_path

SOURCES = SHARED / "sources"
CONTENT = ROOT / "content"
PROJECTS = CONTENT / "projects"
SCHEMES = CONTENT / "schemes"
CHECKED_DIRS = (PROJECTS, SCHEMES, ROOT / "docs")
FRAGMENTS = ROOT / "tests" / "data" / "bronfragmenten"

RUN = 12
"""Length of the shortest shared run of words that counts as copying."""

_WORD = re.compile(r"[^\W_]+")
"""A word: a run of letters or digits, accented letters included."""


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def require(path: Path) -> None:
    """Skip when shared material is absent (a fresh clone); in CI that is a failure."""
    if path.exists():
        return
    message = f"{path} ontbreekt; deze test vergelijkt met het gedeelde bronmateriaal"
    if IN_CI:
        pytest.fail(message + " (CI=true: ontbrekend bronmateriaal is een fout)")
    pytest.skip(message)


def yaml_load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(front matter, body); front matter is None when the file does not start with '---'."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:])
    return None, text


def front_matter(path: Path) -> dict[str, Any]:
    yaml_text, _ = split_front_matter(path.read_text(encoding="utf-8"))
    assert yaml_text is not None, f"{path.relative_to(ROOT)}: geen front matter tussen '---'-regels"
    data = yaml_load(yaml_text)
    assert isinstance(data, dict), f"{path.relative_to(ROOT)}: front matter is geen verzameling velden"
    return data


def record_files() -> list[Path]:
    return sorted(PROJECTS.glob("*.md")) + sorted(SCHEMES.glob("*.md"))


def checked_files() -> list[Path]:
    found = []
    for folder in CHECKED_DIRS:
        if folder.is_dir():
            found += [p for p in sorted(folder.rglob("*")) if p.is_file()]
    return found


def source_words() -> dict[str, list[str]]:
    """The shared source documents and the kept excerpts of public web pages, by file name."""
    found = {p.name: words(p.read_text(encoding="utf-8")) for p in sorted(SOURCES.glob("*.txt"))}
    found.update({f"bronfragmenten/{p.name}": words(p.read_text(encoding="utf-8"))
                  for p in sorted(FRAGMENTS.glob("*.txt"))})
    return found


def is_quote_key(key: str) -> bool:
    return key.endswith("zoals_gepubliceerd") or key in ("titel", "bijlagen", "beleidsthemas", "zin")


QUOTED_TEXT = re.compile(r"“([^”]{1,400})”|\"([^\"]{1,400})\"")
"""A quotation marked as such in running text: between typographic or straight double quotes."""
MAX_QUOTE_WORDS = 30
"""A marked quotation longer than this is compared like other text: quoting is not a way to copy a page."""


def quoted_text(body: str) -> Iterator[str]:
    for match in QUOTED_TEXT.finditer(body):
        quote = match.group(1) or match.group(2)
        if len(words(quote)) <= MAX_QUOTE_WORDS:
            yield quote


def quoted_values(node: Any, quoted: bool = False) -> Iterator[str]:
    """String values that sit under a quotation field, anywhere in the front matter."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from quoted_values(value, quoted or is_quote_key(str(key)))
    elif isinstance(node, list):
        for item in node:
            yield from quoted_values(item, quoted)
    elif quoted and isinstance(node, str):
        yield node


def contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def shared_runs(path: Path, index: dict[tuple[str, ...], str],
                sources: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Maximal runs of at least RUN words that this file shares with a source: (source, run)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []  # images and other binary files carry no prose
    yaml_text, body = split_front_matter(text)
    head = words(yaml_text) if yaml_text is not None else []
    tokens = head + words(body if yaml_text is not None else text)
    skip = [False] * len(tokens)
    data = None
    if yaml_text is not None:
        try:
            data = yaml_load(yaml_text)
        except Exception:  # broken YAML is the validator's business; check every word then
            data = None
    quotations = [*quoted_values(data), *quoted_text(body if yaml_text is not None else text)]
    for value in quotations:
        quote = words(value)
        if not any(contains(src, quote) for src in sources.values()):
            continue  # not a real quotation: compared like any other text
        for i in range(len(tokens) - len(quote) + 1):
            if tokens[i:i + len(quote)] == quote:
                skip[i:i + len(quote)] = [True] * len(quote)
    hits: list[tuple[int, str]] = []
    for i in range(len(tokens) - RUN + 1):
        if any(skip[i:i + RUN]):
            continue
        source = index.get(tuple(tokens[i:i + RUN]))
        if source:
            hits.append((i, source))
    runs: list[tuple[str, str]] = []
    start = previous = None
    source_of_run = ""
    for i, source in hits + [(-10, "")]:
        if start is not None and i == previous + 1:
            previous = i
            continue
        if start is not None:
            runs.append((source_of_run, " ".join(tokens[start:previous + RUN])))
        start, previous, source_of_run = i, i, source
    return runs


def test_no_text_copied_from_sources():
    require(SOURCES)
    sources = source_words()
    assert sources, f"geen bronbestanden (*.txt) in {SOURCES}"
    index: dict[tuple[str, ...], str] = {}
    for name, tokens in sources.items():
        for i in range(len(tokens) - RUN + 1):
            index.setdefault(tuple(tokens[i:i + RUN]), name)
    problems = []
    for path in checked_files():
        for source, run in shared_runs(path, index, sources):
            problems.append(f"{path.relative_to(ROOT)}: deelt met {source}: \"{run}\"")
    assert not problems, (f"{len(problems)} passage(s) van {RUN} of meer woorden letterlijk uit een bron; "
                          "schrijf ze in eigen woorden:\n" + "\n".join(problems))


def test_every_ao_fonds_project_has_a_record():
    require(SOURCES)
    bronnen = yaml_load((CONTENT / "bronnen.yaml").read_text(encoding="utf-8"))["bronnen"]
    bestand = next(b["bestand"] for b in bronnen if b["id"] == "ao-fonds-subsidie-2019")
    source = SOURCES / bestand
    require(source)
    titles = [line.strip()[len("Project:"):].strip()
              for line in source.read_text(encoding="utf-8").splitlines()
              if line.strip().startswith("Project:")]
    assert len(titles) == 24, f"verwachtte 24 regels 'Project:' in {bestand}, vond {len(titles)}"
    recorded = {str(front_matter(p).get("titel", "")).strip() for p in sorted(PROJECTS.glob("*.md"))}
    missing = [t for t in titles if t not in recorded]
    assert not missing, "geen record met precies deze titel:\n" + "\n".join(missing)


def test_west_betuwe_plan_and_schemes_exist():
    assert (PROJECTS / "west-betuwe-kerngericht-werken.md").is_file()
    schemes = sorted(SCHEMES.glob("*.md"))
    assert len(schemes) >= 4, f"verwachtte minstens 4 regelingen, vond {len(schemes)}"


def test_every_record_names_known_sources():
    bronnen = yaml_load((CONTENT / "bronnen.yaml").read_text(encoding="utf-8"))["bronnen"]
    known = {b["id"] for b in bronnen}
    problems = []
    files = record_files()
    assert files, "geen records gevonden"
    for path in files:
        listed = front_matter(path).get("bronnen") or []
        if not isinstance(listed, list) or not listed:
            problems.append(f"{path.relative_to(ROOT)}: geen bronnen")
            continue
        problems += [f"{path.relative_to(ROOT)}: onbekende bron '{b}'" for b in listed if b not in known]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["impulsregeling", "innovatieve-projectenregeling"])
def test_scheme_figures_equal_calculator_vectors(scheme):
    expected = json.loads(vectors_path().read_text(encoding="utf-8"))["schemes"][scheme]
    subsidie = front_matter(SCHEMES / f"{scheme}.md")["subsidie"]
    assert Fraction(str(subsidie["aandeel_intern"])) == Fraction(expected["internal_share"])
    assert Fraction(str(subsidie["aandeel_extern"])) == Fraction(expected["external_share"])
    assert Decimal(str(subsidie["minimum"])) == Decimal(expected["minimum"])
    assert Decimal(str(subsidie["maximum"])) == Decimal(expected["maximum"])


# --------------------------------------------------------------------------- claims name their source


def statuses_needing_a_source() -> set[str]:
    vocabularies = yaml_load((CONTENT / "vocabulaires.yaml").read_text(encoding="utf-8"))
    return {term["id"] for term in vocabularies["statussen"]["waarden"] if term.get("bron_nodig")}


def status_problems(records: dict[str, dict[str, Any]], needing: set[str]) -> list[str]:
    """Records whose status needs a source but has no source line, or one naming a source it does not list."""
    problems = []
    for name, data in records.items():
        line = data.get("status_bron")
        if data.get("status") in needing and not (isinstance(line, dict) and str(line.get("zin") or "").strip()):
            problems.append(f"{name}: status '{data.get('status')}' zonder status_bron met een zin uit de bron")
        elif isinstance(line, dict) and line.get("bron") not in (data.get("bronnen") or []):
            problems.append(f"{name}: status_bron noemt '{line.get('bron')}', die niet in bronnen staat")
    return problems


def project_front_matter() -> dict[str, dict[str, Any]]:
    return {path.name: front_matter(path) for path in sorted(PROJECTS.glob("*.md"))}


def test_no_status_without_a_source_line():
    """Nobody calls a municipality for results because we guessed 'afgerond' (issue 12, item 7)."""
    needing = statuses_needing_a_source()
    assert {"afgerond", "lopend", "gepland"} <= needing
    records = project_front_matter()
    assert any(data.get("status") == "afgerond" for data in records.values()), "geen enkel afgerond record meer?"
    assert status_problems(records, needing) == []


def test_status_gate_fails_on_a_guessed_status():
    needing = statuses_needing_a_source()
    guessed = {"geraden.md": {"status": "afgerond", "bronnen": ["ao-fonds-subsidie-2019"]}}
    elsewhere = {"elders.md": {"status": "lopend", "bronnen": ["a"], "status_bron": {"bron": "b", "zin": "Loopt."}}}
    assert len(status_problems(guessed, needing)) == 1
    assert len(status_problems(elsewhere, needing)) == 1
    assert status_problems({"onbekend.md": {"status": "onbekend"}}, needing) == []


def source_texts() -> dict[str, list[str]]:
    """Words of every source whose text is at hand: shared documents, and excerpts kept for web pages."""
    texts: dict[str, list[str]] = {}
    for entry in yaml_load((CONTENT / "bronnen.yaml").read_text(encoding="utf-8"))["bronnen"]:
        if entry.get("bestand") and (SOURCES / entry["bestand"]).is_file():
            texts[entry["id"]] = words((SOURCES / entry["bestand"]).read_text(encoding="utf-8"))
    fragments = ROOT / "tests" / "data" / "bronfragmenten"
    for path in sorted(fragments.glob("*")) if fragments.is_dir() else []:
        if path.is_file() and path.suffix in (".txt", ".md"):
            texts.setdefault(path.stem, []).extend(words(path.read_text(encoding="utf-8")))
    return texts


def source_lines(data: dict[str, Any]) -> Iterator[tuple[str, dict]]:
    if isinstance(data.get("status_bron"), dict):
        yield "status_bron", data["status_bron"]
    for index, line in enumerate(data.get("hergebruik_bron") or []):
        if isinstance(line, dict):
            yield f"hergebruik_bron[{index}]", line
    if isinstance(data.get("hergebruik_aantal"), dict):
        yield "hergebruik_aantal", data["hergebruik_aantal"]


def misquotes(records: dict[str, dict[str, Any]], texts: dict[str, list[str]]) -> list[str]:
    problems = []
    for name, data in records.items():
        for key, line in source_lines(data):
            source = texts.get(str(line.get("bron")))
            if source is not None and not contains(source, words(str(line.get("zin", "")))):
                problems.append(f"{name}: {key}.zin staat niet letterlijk in {line.get('bron')}: \"{line.get('zin')}\"")
    return problems


def test_source_lines_quote_their_source():
    require(SOURCES)
    texts = source_texts()
    records = project_front_matter()
    checked = [1 for data in records.values() for _, line in source_lines(data) if line.get("bron") in texts]
    assert len(checked) >= 20, "te weinig statusregels gevonden om te vergelijken"
    assert misquotes(records, texts) == []
    made_up = {"verzonnen.md": {"status_bron": {"bron": "ao-fonds-subsidie-2019", "zin": "Het project is met succes afgerond."}}}
    assert len(misquotes(made_up, texts)) == 1


# --------------------------------------------------------------------------- classification and organisations


def unclassified(records: dict[str, dict[str, Any]]) -> list[str]:
    """Records with neither an innovatieagenda theme nor a stated reason why none fits."""
    return [name for name, data in records.items() if not data.get("themas") and not data.get("geen_thema")]


def test_every_record_has_a_theme_or_says_why_not():
    """No browse page misses a record silently (issue 15): it has a theme, or `geen_thema` says why not."""
    assert unclassified(project_front_matter()) == []
    assert unclassified({"stil.md": {"themas": []}, "ok.md": {"geen_thema": "Past niet."}}) == ["stil.md"]


def test_organisation_facts_name_known_sources():
    """Who belongs to an organisation and what kind it is are facts too: each named source exists."""
    known = {b["id"] for b in yaml_load((CONTENT / "bronnen.yaml").read_text(encoding="utf-8"))["bronnen"]}
    organisations = yaml_load((CONTENT / "organisaties.yaml").read_text(encoding="utf-8"))["organisaties"]
    named = {o["id"]: o.get("bronnen") or [] for o in organisations}
    assert named["buch"] and named["dienst-dommelvallei"], "BUCH en Dienst Dommelvallei noemen hun bron"
    assert [f"{o}: {b}" for o, ids in named.items() for b in ids if b not in known] == []
