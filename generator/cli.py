"""Command line: `python -m generator check|schema|new|build|serve|export` (`new` lives in cli_new.py).

Exit codes are part of the interface CI relies on: 0 clean, 1 content errors, 2 usage or
internal error, 128 + the signal number when stopped by SIGINT (130) or SIGTERM (143). A user
error never prints a traceback; an internal error prints one line asking to report it.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from generator.core.diagnostics import Severity, UserError, has_errors, printable, render, sort_diagnostics
from generator.core.interrupt import Stopped, stoppable
from generator.cli_new import add_parser as add_new_parser, new_command

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
_INTERRUPTED_WORK = {"build": ("de bouw", "site_dir"), "export": ("de export", "out")}


def _stopped_message(args: argparse.Namespace, signum: int) -> str:
    name = signal.Signals(signum).name
    if args.command not in _INTERRUPTED_WORK:
        return f"Onderbroken ({name})."
    what, target = _INTERRUPTED_WORK[args.command]
    return (f"Onderbroken ({name}): {what} is gestopt, {getattr(args, target)}/ is ongewijzigd en de tijdelijke "
            "bestanden zijn opgeruimd.")


_ARGPARSE_DUTCH = (
    ("the following arguments are required:", "verplicht argument ontbreekt:"),
    ("unrecognized arguments:", "onbekende argumenten:"),
    ("invalid choice:", "ongeldige keuze:"),
    ("(choose from", "(kies uit"),
    ("expected one argument", "verwacht één waarde"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage and exit 2 itself; keep it one line
        for english, dutch in _ARGPARSE_DUTCH:
            message = message.replace(english, dutch)
        raise UserError(f"{message} (zie {self.prog} --help)")


def _parser(prog: str = "kennisbank") -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description="Kennisbank: controleren en bouwen van de site.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="controleer records en meld alle problemen")
    check.add_argument("paths", nargs="*", type=Path, help="contentmap of losse bestanden (standaard: content)")
    check.add_argument("--content", type=Path, help="contentmap met woordenlijsten en register (standaard: gevonden "
                                                     "boven de paden, anders ./content)")
    check.add_argument("--format", choices=["text", "json", "github"], default="text")
    check.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")

    sub.add_parser("schema", help="druk het JSON Schema van het recordformaat af")
    add_new_parser(sub)

    build = sub.add_parser("build", help="controleer en bouw de site atomair in site/")
    build.add_argument("--content", type=Path, default=Path("content"))
    build.add_argument("--site-dir", type=Path, default=Path("site"))
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    build.add_argument("--no-search", action="store_true", help="sla de zoekindex over (sneller)")
    build.add_argument("--timings", type=Path, metavar="BESTAND",
                       help="schrijf de duur van elke stap als JSON (voor make bench)")

    serve = sub.add_parser("serve", help="bouw en serveer op 127.0.0.1:8000 met live herladen")
    serve.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    serve.add_argument("--addr", default="127.0.0.1:8000")

    guide = sub.add_parser("gids", help="druk de redactiegids af als Markdown (zo ontstaat CONTRIBUTING.md)")
    guide.add_argument("--content", type=Path, default=Path("content"))
    guide.add_argument("--config", type=Path, default=Path("mkdocs.yml"))

    export = sub.add_parser("export", help="schrijf de pagina's als zelfstandig MkDocs-project (mkdocs.yml + docs/)")
    export.add_argument("out", type=Path)
    export.add_argument("--content", type=Path, default=Path("content"))
    export.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    return parser


def _check(args: argparse.Namespace) -> int:
    from generator.validate.check import check_content
    from generator.validate.discovery import find_content_root

    paths = args.paths or [Path("content")]
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UserError(f"{path}: bestaat niet; geef een contentmap of een .md-bestand op")
    if args.content is not None:
        root = args.content
    else:
        root = find_content_root(paths[0]) or Path("content")
    if not (root / "vocabulaires.yaml").is_file():
        raise UserError(f"{root}: geen contentmap (vocabulaires.yaml ontbreekt); geef er een op met --content")
    root = root.resolve()
    content = check_content(root, list(paths))
    wanted = [Path(os.path.abspath(p)) for p in paths]
    diagnostics = [d for d in content.diagnostics
                   if d.path in content.support_paths or any(_inside(Path(d.path), w) for w in wanted)]
    diagnostics = sort_diagnostics(diagnostics)
    output = render(diagnostics, args.format)
    if output:
        print(output)
    if args.format == "text":
        errors = sum(d.severity is Severity.ERROR for d in diagnostics)
        warnings = len(diagnostics) - errors
        failing = {d.path for d in diagnostics if d.severity is Severity.ERROR}
        records = [path for path in content.record_paths if any(_inside(Path(path), w) for w in wanted)]
        clean = sum(path not in failing for path in records)
        print(f"{errors} fout(en), {warnings} waarschuwing(en); {clean} van {len(records)} record(s) zonder fouten.",
              file=sys.stderr)
    failed = has_errors(diagnostics) or (args.strict and diagnostics)
    return EXIT_CONTENT if failed else EXIT_OK


def _inside(path: Path, folder: Path) -> bool:
    """True when `path` is `folder` or lies below it, comparing the paths as written (links not followed)."""
    path = Path(os.path.abspath(path))
    return path == folder or folder in path.parents


def _schema(_: argparse.Namespace) -> int:
    from generator.model.records import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _run(args: argparse.Namespace) -> int:
    if args.command == "check":
        return _check(args)
    if args.command == "schema":
        return _schema(args)
    if args.command == "new":
        return new_command(args)
    from generator.engines import build

    return {"build": build.build_command, "serve": build.serve_command,
            "export": build.export_command, "gids": build.guide_command}[args.command](args)


def main(argv: list[str] | None = None, prog: str = "kennisbank") -> int:
    """The console script `kennisbank`; `python -m generator` passes its own name for the usage lines."""
    try:
        args = _parser(prog).parse_args(argv)
        try:
            with stoppable():
                return _run(args)
        except Stopped as exc:
            print(printable(_stopped_message(args, exc.signum)), file=sys.stderr)
            return 128 + exc.signum
    except UserError as exc:
        print(f"fout: {printable(_one_line(str(exc)))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    except BrokenPipeError:  # `check … | head`: the reader left; say nothing more, like other tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into a one-line report
        print(f"interne fout ({type(exc).__name__}: {printable(_one_line(str(exc)))}); dit is een fout in de "
              "generator, meld het alstublieft met de opdracht die u gaf", file=sys.stderr)
        return EXIT_USAGE
