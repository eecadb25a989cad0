"""The synthetic corpus of `make bench`: N valid project records (seeded) over the real content, and the floor.

The records are spread over the real register, vocabularies, sources and schemes, with bodies of
made-up Dutch-looking text (a long tail of rare words, as real text has), so that the site, its
facet pages and its search index grow as they would with N real records. Synthesis is sequential
from one seed, so the first 1,000 records of the 5,000-record corpus are the 1,000-record corpus.

The floor (issue #18) is what a user would pick instead of our generator: stock mkdocs-material
with its built-in `search` plugin, the same record bodies (the Markdown below each project record's
front matter, synthetic and real) as ordinary pages under docs/projecten/, a docs/index.md, and an
explicit `nav` of only the home page.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from ruamel.yaml import YAML

from generator.model.content import Content

ROOT = Path(__file__).resolve().parents[1]

SUBJECTS = ["talent", "leiderschap", "dienstverlening", "participatie", "informatie", "wijk", "netwerk", "vakmanschap",
            "inwoner", "ondernemer", "jeugd", "zorg", "werk", "inkomen", "omgeving", "wonen", "mobiliteit", "klimaat",
            "energie", "veiligheid", "data", "archief", "belasting", "subsidie", "vergunning", "loopbaan", "team",
            "cultuur", "samenwerking", "innovatie", "gezondheid", "onderwijs", "armoede", "schuld", "integriteit",
            "communicatie", "ruimte", "natuur", "sport", "verkeer"]
THINGS = ["gesprek", "profiel", "training", "programma", "aanpak", "plan", "pilot", "lab", "pool", "team", "netwerk",
          "agenda", "wijzer", "loket", "portaal", "dialoog", "academie", "coach", "model", "scan", "spoor", "tafel",
          "route", "kaart", "monitor", "werkplaats", "festival", "campagne", "regeling", "beleid"]
ADJECTIVES = ["nieuwe", "slimme", "gezamenlijke", "wijkgerichte", "digitale", "duurzame", "inclusieve", "lerende",
              "flexibele", "regionale", "open", "moedige", "praktische", "brede", "kleine", "heldere"]
GROUPS = ["medewerkers", "leidinggevenden", "inwoners", "ondernemers", "jongeren", "ouderen", "teams", "ambtenaren",
          "raadsleden", "wijkteams", "vrijwilligers", "partners", "scholen", "zorgaanbieders", "werkgevers"]
VERBS = ["ontwikkelden", "onderzochten", "bouwden", "testten", "verbeterden", "deelden", "vernieuwden", "ontwierpen",
         "organiseerden", "begeleidden", "verbonden", "versterkten", "evalueerden", "startten"]
RESULTS = ["meer plezier in het werk", "kortere wachttijden", "minder verzuim", "betere besluiten", "meer vertrouwen",
           "snellere afhandeling", "nieuwe samenwerkingen", "lagere kosten", "tevreden inwoners", "een gedeelde taal",
           "meer doorstroom", "een sterker netwerk", "bruikbare lessen", "een herbruikbare werkwijze"]
LINKS = ["Daarna", "Vervolgens", "Ondertussen", "Tegelijk", "Bovendien", "Ook", "Uiteindelijk", "Eerst"]
FIRST_NAMES = ["Anna", "Bram", "Carla", "Dirk", "Eva", "Fatima", "Gert", "Hanneke", "Ilse", "Joost", "Karim", "Lotte",
               "Mohamed", "Noor", "Oscar", "Priya", "Ruud", "Sanne", "Tom", "Yvonne"]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
              "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "Kaya"]


ONSETS = ["b", "br", "d", "dr", "g", "gr", "h", "k", "kl", "kr", "l", "m", "n", "p", "pl", "r", "s", "sl", "sp", "st",
          "sch", "t", "tr", "v", "w", "z", "zw"]
VOWELS = ["a", "e", "i", "o", "u", "aa", "ee", "oo", "ie", "oe", "ui", "ij", "eu", "ou"]
CODAS = ["", "", "k", "l", "m", "n", "r", "s", "t", "nd", "ng", "rk", "st", "cht", "ft"]
ENDINGS = ["", "", "en", "ing", "heid", "lijk", "er", "tje", "ering", "schap"]


def lexicon(rng: random.Random, size: int = 6000) -> list[str]:
    """Made-up Dutch-looking words: a long tail of rare words, as real text has."""
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.choice([2, 2, 3])
        words.add("".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
                  + rng.choice(ENDINGS))
    return sorted(words)


def _rare(rng: random.Random, words: list[str]) -> str:
    return words[int(len(words) * rng.random() ** 3)]  # skewed: a few words often, most seldom


def _compound(rng: random.Random) -> str:
    word = rng.choice(SUBJECTS) + rng.choice(THINGS)
    return word + rng.choice(["", "", "en", "s"]) if not word.endswith("s") else word


def _sentence(rng: random.Random, place: str, words: list[str]) -> str:
    forms = [
        lambda: f"Daarbij ging het om {_rare(rng, words)} en {_rare(rng, words)}, zoals de {rng.choice(GROUPS)} het noemen.",
        lambda: f"Het {_rare(rng, words)} van {place} bleek {rng.choice(ADJECTIVES)} {_rare(rng, words)} te vragen.",
        lambda: f"{rng.choice(LINKS)} {rng.choice(VERBS)} de {rng.choice(GROUPS)} in {place} een {rng.choice(ADJECTIVES)} "
                f"{_compound(rng)} voor {rng.choice(GROUPS)}.",
        lambda: f"Het {_compound(rng)} leverde volgens de gemeente {rng.choice(RESULTS)} op.",
        lambda: f"De {rng.choice(GROUPS)} werkten samen met {rng.choice(GROUPS)} aan {rng.choice(ADJECTIVES)} "
                f"{_compound(rng)} en {_compound(rng)}.",
        lambda: f"{place} koos voor een {rng.choice(ADJECTIVES)} aanpak met {rng.choice(GROUPS)}, omdat het oude "
                f"{_compound(rng)} niet meer paste.",
        lambda: f"Wie dit wil hergebruiken, begint met het {_compound(rng)} en vraagt de {rng.choice(GROUPS)} om mee te doen.",
        lambda: f"In {rng.randint(2, 12)} bijeenkomsten {rng.choice(VERBS)} zij het {_compound(rng)} stap voor stap.",
    ]
    return rng.choice(forms)()


def _paragraph(rng: random.Random, place: str, sentences: int, words: list[str]) -> str:
    return " ".join(_sentence(rng, place, words) for _ in range(sentences))


def _yaml_list(items) -> str:
    return "[" + ", ".join(_quote(item) for item in items) + "]"


def _quote(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def synthesise(content: Path, count: int, seed: int, base: Content) -> None:
    """Write `count` valid project records into content/projects/, spread over the real data (`base`)."""
    vocab = base.vocabularies
    themes = [t.id for t in vocab.for_field("projects", "themas").terms]
    domains = [t.id for t in vocab.for_field("projects", "domein").terms]
    status_terms = vocab.for_field("projects", "status").terms
    statuses = [t.id for t in status_terms]
    needs_source = {t.id for t in status_terms if t.bron_nodig}
    kinds = [t.id for t in vocab.for_field("projects", "soort").terms]
    municipalities = [m.naam for m in base.register.municipalities]
    sources = list(base.sources)
    schemes = {}
    for scheme_id, scheme in base.schemes.items():
        rules = scheme.model.record_velden
        extra = {name: [t.id for t in vocab.get(vocab_id).terms] for name, vocab_id in rules.extra.items()}
        schemes[scheme_id] = (extra, scheme.model.geschiktheid)
    scheme_ids = sorted(schemes) + [None]

    rng = random.Random(seed)
    words = lexicon(rng)
    folder = content / "projects"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        place = rng.choice(municipalities)
        partners = rng.sample(municipalities, rng.choice([0, 0, 0, 1, 2]))
        partners = [p for p in partners if p != place]
        reusers = [m for m in rng.sample(municipalities, rng.choice([0, 0, 1, 2, 3])) if m != place and m not in partners]
        subject = rng.choice(SUBJECTS)
        title = f"{rng.choice(ADJECTIVES).capitalize()} {_compound(rng)} {place} {number}"
        short = f"{place} {rng.choice(VERBS)} met {rng.choice(GROUPS)} een {rng.choice(ADJECTIVES)} {subject}aanpak."[:160]
        start = rng.randint(2012, 2025)
        end = start + rng.choice([0, 0, 1, 1, 2, 3])
        scheme_id = rng.choice(scheme_ids)
        lines = ["---", "schema_versie: 1", f"titel: {_quote(title)}", f"soort: {rng.choice(kinds)}",
                 f"korte_beschrijving: {_quote(short)}", f"organisaties: {_yaml_list([place, *partners])}"]
        if scheme_id:
            lines.append(f"regeling: {scheme_id}")
            extra, rules = schemes[scheme_id]
            for name, values in sorted(extra.items()):
                lines.append(f"{name}: {rng.choice(values)}")
            if rules and rules.max_looptijd_maanden:
                end = start  # stay within the scheme's duration
        if reusers:
            lines.append(f"hergebruikt_door: {_yaml_list(reusers)}")
        chosen_themes = rng.sample(themes, rng.choice([0, 1, 1, 2]))
        if chosen_themes:
            lines.append(f"themas: {_yaml_list(chosen_themes)}")
        status, source = rng.choice(statuses), rng.choice(sources)
        lines += [f"domein: {rng.choice(domains)}",
                  f"periode: {{start: {start}, einde: {end}}}" if rng.random() < 0.8 else f"periode: {{start: {start}}}",
                  f"status: {status}"]
        if status in needs_source:  # a status says who says it; the synthetic source dates from after the end
            lines.append(f"status_bron: {{bron: {source}, datum: {end + 1}, zin: \"Synthetische bron.\"}}")
        if reusers:  # reuse, too, says where it comes from
            lines.append(f"hergebruik_bron: [{{bron: {source}, datum: {end + 1}, zin: \"Synthetische bron.\"}}]")
        lines += ["contact:",
                  f"  - naam: {_quote(rng.choice(FIRST_NAMES) + ' ' + rng.choice(LAST_NAMES))}",
                  "    rol: projectleider",
                  f"    bron_datum: {start}",
                  f"bronnen: [{source}]",
                  f"laatst_beoordeeld: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
                  "---"]
        body = []
        for heading, sentences in (("Vraagstuk", 4), ("Aanpak", 7), ("Resultaat", 5), ("Wat kunt u hergebruiken?", 3)):
            body += [f"## {heading}", "", _paragraph(rng, place, sentences, words), ""]
        (folder / f"synthetisch-{number:05d}.md").write_text("\n".join(lines + [""] + body), encoding="utf-8")


def prepare(folder: Path, count: int, seed: int, base: Content) -> tuple[Path, Path]:
    """FOLDER/content (the real content plus `count` synthetic projects) and FOLDER/mkdocs.yml, our
    configuration pointing at it (for `build --config`, `export` and `serve`)."""
    content = folder / "content"
    content.mkdir(parents=True)
    for item in (ROOT / "content").glob("*.yaml"):
        shutil.copy2(item, content / item.name)
    shutil.copytree(ROOT / "content" / "schemes", content / "schemes")
    # The real records too: scheme pages link to some of them, and they are what people search for.
    shutil.copytree(ROOT / "content" / "projects", content / "projects")
    synthesise(content, count, seed, base)
    yaml = YAML()
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "kennisbank" in entry:
            entry["kennisbank"]["content"] = "content"  # resolved against this file's folder by the plugin
    with (folder / "mkdocs.yml").open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    return content, folder / "mkdocs.yml"


FLOOR_CONFIG = """\
site_name: Kennisbank (vloer)
theme:
  name: material
  language: nl
plugins:
  - search
nav:
  - Home: index.md
validation:
  nav:
    omitted_files: ignore
"""


def body_of(record: str) -> str:
    """The Markdown below a record's front matter (the text between the first two `---` lines)."""
    lines = record.split("\n")
    if lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return "\n".join(lines[number + 1:]).lstrip("\n")
    return record


def write_floor(content: Path, out: Path) -> int:
    """The floor project in OUT (mkdocs.yml and docs/); returns the number of record pages written."""
    pages = out / "docs" / "projecten"
    pages.mkdir(parents=True)
    (out / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    (out / "docs" / "index.md").write_text("# Kennisbank\n\nPraktijkvoorbeelden van gemeenten.\n", encoding="utf-8")
    count = 0
    for record in sorted((content / "projects").glob("*.md")):
        (pages / record.name).write_text(body_of(record.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count
