"""`kennisbank new`: start a practice record from the chosen scheme's skeleton (render/skeleton.py).

Asks for what is missing when stdin is a terminal, else takes --regeling, --titel and
--organisatie (repeatable). Names are checked as `check` checks them before anything is
written; an existing file is never overwritten (exit 2). Prints the `check` command to run next.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.core.diagnostics import UserError


def add_parser(sub) -> None:
    new = sub.add_parser("new", help="begin een nieuw praktijkvoorbeeld in content/projects/")
    new.add_argument("--regeling", help="bestandsnaam (zonder .md) van de regeling in content/schemes/")
    new.add_argument("--titel", help="titel zoals gepubliceerd")
    new.add_argument("--organisatie", action="append", default=[], metavar="NAAM",
                     help="gemeente of organisatie die het ontwikkelde (mag vaker)")
    new.add_argument("--bron", action="append", default=[], metavar="ID",
                     help="id uit content/bronnen.yaml (mag vaker; standaard de bron van de regeling)")
    new.add_argument("--id", help="bestandsnaam zonder .md (standaard: gemaakt uit de titel)")
    new.add_argument("--content", type=Path, default=Path("content"))


def _ask(question: str, default: str | None = None) -> str:
    suffix = f" [{default}]" if default else ""
    try:
        answer = input(f"{question}{suffix}: ").strip()
    except EOFError:
        answer = ""
    return answer or (default or "")


def new_command(args: argparse.Namespace) -> int:
    from generator.render.skeleton import id_trouble, record_id, scheme_asks, skeleton
    from generator.validate.check import check_content

    root: Path = args.content
    if not (root / "vocabulaires.yaml").is_file():
        raise UserError(f"{root}: geen contentmap (vocabulaires.yaml ontbreekt); geef er een op met --content")
    content = check_content(root.resolve())
    interactive = sys.stdin.isatty()
    schemes = sorted(content.schemes)

    regeling = args.regeling
    if regeling is None and interactive:
        for number, scheme_id in enumerate(schemes, 1):
            print(f"  {number}. {scheme_id}: {content.schemes[scheme_id].model.titel}")
        answer = _ask("Regeling (nummer of naam)")
        regeling = schemes[int(answer) - 1] if answer.isdigit() and 0 < int(answer) <= len(schemes) else answer
    if not regeling or regeling not in content.schemes:
        shown = f"'{regeling}' is geen regeling" if regeling else "geef een regeling op met --regeling"
        raise UserError(f"{shown}; kies uit: {', '.join(schemes)}")

    title = (args.titel or (_ask("Titel zoals gepubliceerd") if interactive else "")).strip()
    if not title:
        raise UserError("geef een titel op met --titel")
    if len(title) > 200:
        raise UserError(f"de titel is {len(title)} tekens; het maximum is 200")

    names = list(args.organisatie)
    required = scheme_asks(content, regeling).required
    if not names and interactive:
        answer = _ask("Gemeente(n) of organisatie(s) die het ontwikkelden, gescheiden door ;")
        names = [name.strip() for name in answer.split(";") if name.strip()]
    if not names and "organisaties" in required:
        raise UserError(f"regeling '{regeling}' vraagt wie het ontwikkelde; geef dat op met --organisatie")
    slugs = []
    for name in names:
        found = content.directory.resolve(name) if content.directory else None
        if found is not None and found.actor is None:
            raise UserError(f"--organisatie '{name}': {found.error}")
        if found is not None:
            slugs.append(found.actor.slug)
    for source in args.bron:
        if source not in content.sources:
            raise UserError(f"--bron '{source}' staat niet in {root / 'bronnen.yaml'}")

    name = args.id or record_id(title, slugs)
    if not name:
        raise UserError("uit deze titel valt geen bestandsnaam te maken; geef er een op met --id")
    if trouble := id_trouble(name):
        raise UserError(f"{trouble}; geef een andere op met --id")
    target = root / "projects" / f"{name}.md"
    if target.exists() or target.is_symlink():
        raise UserError(f"{target} bestaat al en wordt niet overschreven; kies een andere naam met --id")
    text = skeleton(content, regeling, title, names, args.bron)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite, even in a race
            out.write(text)
    except FileExistsError:
        raise UserError(f"{target} bestaat al en wordt niet overschreven; kies een andere naam met --id") from None
    print(f"Nieuw record: {target}")
    print("Vervang elke INVULLEN door uw tekst en controleer daarna met:")
    print(f"  kennisbank check {target}")
    return 0
