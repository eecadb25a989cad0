"""The I/O edge of building: atomic `site/`, `serve`, and `export` to a plain MkDocs project.

Engines run as subprocesses (`python -m mkdocs`), so this module does not import one.
A build works in one fresh sibling folder (`site.new-…`, holding the temporary MkDocs project
and the new site) and replaces `site/` only when every step succeeded: a failed check or build,
an exception or a stop signal leaves the last good site untouched and removes that folder.
One build per parent folder at a time (an advisory lock the kernel drops when the process dies).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ruamel.yaml import YAML

from generator.core.interrupt import STOP_SIGNALS
from generator.core.diagnostics import UserError, on_terminal, render
from generator.render.settings import SiteSettings, placeholder_warnings
from generator.features.search.search import index_site
from generator.engines.sitemap import data_epoch, date_sitemap, page_dates
from generator.engines.stages import StageLog, seconds
from generator.site import contributing_guide, generate, render_site
from generator.validate.check import check_content

EXPORT_MARKER = ".kennisbank-export"
PASSTHROUGH_PLUGIN = "kennisbank-html"
DOCUMENTS_KEY = "kb_documenten"
"""Key under `extra` in a written project's mkdocs.yml: see documents() and overrides/partials/footer.html."""
PUBLIC_DIR, PUBLIC_FILE = 0o755, 0o644


def _require(path: Path, what: str) -> None:
    if not path.exists():
        raise UserError(f"{path}: {what} niet gevonden")


def _python_module(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", module, *args]


def build_site(config: Path, content: Path, site_dir: Path, search: bool = True, timings: Path | None = None) -> int:
    """Check, build into a temporary sibling folder, index, then swap it in. Returns an exit code.

    The content is checked and rendered once; the pages go into a plain MkDocs project (the same
    one `export` writes) that stock MkDocs builds. So the published site is built exactly the way
    another engine would build the export, and no step parses the content twice. Each stage is
    timed (engines/stages.py); `timings` receives those figures as JSON for `make bench`.
    """
    _require(config, "MkDocs-configuratie")
    _require(content, "contentmap")
    if timings is not None and (timings.is_dir() or not timings.parent.is_dir()):
        raise UserError(f"{timings}: --timings wil een bestand in een bestaande map; de site is niet gebouwd")
    log = StageLog.for_stream()
    config_data = read_config(config)
    settings = _settings(config_data)
    for text in placeholder_warnings(settings):
        print(f"waarschuwing: {text}", file=sys.stderr)
    with _work_folder(site_dir) as work:
        with log.stage("controleren", "content controleren", "records") as stage:
            checked = check_content(content.resolve())
            stage.count = len(checked.record_paths)
        with log.stage("renderen", "pagina's en bestanden maken", "bestanden") as stage:
            generated = render_site(checked, settings)
            stage.count = len(generated.files)
        if not generated.ok:
            print(render(generated.diagnostics, "text"), file=sys.stderr)
            print(f"De site is niet gebouwd; {site_dir}/ is ongewijzigd.", file=sys.stderr)
            return 1
        staging = work / "site"
        with log.stage("mkdocs", "site bouwen met MkDocs", "pagina's") as stage:
            write_project(generated, config, config_data, work / "project", passthrough=True)
            stage.count = sum(1 for path in generated.files if path.endswith(".md"))
            if not _mkdocs_build(work / "project", staging, data_epoch(generated.catalog.data_date())):
                print(f"MkDocs meldde een fout; {site_dir}/ is ongewijzigd.", file=sys.stderr)
                return 1
        with log.stage("nabewerken", "sitemap-datums"):
            date_sitemap(staging, settings.site_url, page_dates(generated.files))
        if search:
            with log.stage("zoekindex", "zoekindex maken met Pagefind"):
                if not index_site(staging):
                    print(f"De zoekindex kon niet worden gemaakt; {site_dir}/ is ongewijzigd.", file=sys.stderr)
                    return 1
        with log.stage("wisselen", f"{site_dir}/ vervangen"):
            publishable_modes(staging)
            _commit(staging, site_dir, work)
    if log.mode != "quiet":
        print(f"· klaar in {seconds(log.total())}: {site_dir}/", file=sys.stderr)
    if timings is not None:
        log.write_json(timings)
    return 0


def _mkdocs_build(project: Path, out: Path, source_date_epoch: str) -> bool:
    """Stock `mkdocs build --strict` of an exported project; its warnings on stderr when it fails.

    SOURCE_DATE_EPOCH is the date the data last changed, so MkDocs' dates come from the content."""
    # Not `--quiet`: it hides warnings from MkDocs' strict-mode counter, so broken links would pass.
    interactive = on_terminal()
    result = subprocess.run(_python_module("mkdocs", "build", "--strict", "--clean", "-f", str(project / "mkdocs.yml"),
                                           "-d", str(out)),
                            capture_output=not interactive, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=source_date_epoch))
    if result.returncode != 0 and not interactive:
        print(_warnings_only(result.stderr + result.stdout), file=sys.stderr)
    return result.returncode == 0


def _warnings_only(log: str) -> str:
    return "\n".join(line for line in log.splitlines() if line.startswith(("WARNING", "ERROR", "Aborted")))


@contextmanager
def _work_folder(target: Path) -> Iterator[Path]:
    """A fresh `TARGET.new-…` beside target, removed afterwards whatever happens.

    Held under a lock on the parent folder, so a second build into the same place stops with a
    message instead of swapping sites under the first; and since no other build can then be
    running there, `TARGET.new-…` folders present now are debris of a killed build and go.
    """
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(parent, target):
        prefix = f"{target.name}.new-"
        for stale in parent.iterdir():
            if stale.name.startswith(prefix) and stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
        work = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        try:
            yield work
        finally:
            shutil.rmtree(work, ignore_errors=True)


@contextmanager
def _exclusive(parent: Path, target: Path) -> Iterator[None]:
    handle = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(f"{target}: er loopt al een bouw of export in {parent}/; wacht tot die klaar is "
                            "en probeer het dan opnieuw") from None
        yield
    finally:
        os.close(handle)  # releases the lock


def publishable_modes(folder: Path) -> None:
    """Folders 0755 and files 0644 whatever the umask, so a web server running as another user can read them.

    Under the usual umask (022) every tool in the build already creates exactly those modes, so
    the walk over every file, a few seconds at 5,000 records, is only made when the umask differs.
    """
    umask = os.umask(0)
    os.umask(umask)
    if umask == 0o022 and _modes_are_public(folder):
        return
    folder.chmod(PUBLIC_DIR)
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, PUBLIC_DIR)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, PUBLIC_FILE)


def _modes_are_public(folder: Path) -> bool:
    """A sample, the folder and its first files, has the modes the umask promises (no tool set its own)."""
    sample = [folder, *sorted(folder.iterdir())[:20]]
    return all(stat.S_IMODE(path.lstat().st_mode) == (PUBLIC_DIR if path.is_dir() else PUBLIC_FILE)
               for path in sample if not path.is_symlink())


def _commit(new: Path, target: Path, work: Path) -> None:
    """Put `new` in place of target with two renames, then clear the work folder (the old target moves into it).

    Stop signals wait until this is done and are then dropped: a stop that arrives here comes
    too late to keep the old target, and is answered by finishing, never by half a swap.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        _swap(new, target, work / "vorige")
        shutil.rmtree(work, ignore_errors=True)
        while signal.sigtimedwait(STOP_SIGNALS, 0) is not None:
            pass
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _swap(new: Path, target: Path, old: Path) -> None:
    """Replace target by new, so readers never see a half-written folder; on failure target stays as it was."""
    moved = target.exists()
    if moved:
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if moved:
            old.rename(target)
        raise


def build_command(args) -> int:
    return build_site(args.config, args.content, args.site_dir, search=not args.no_search, timings=args.timings)


def serve_command(args) -> int:
    """Becomes `mkdocs serve` (exec, not a child process), so Ctrl+C or a stop signal reaches the server itself.

    Through engines/mkdocs_serve.py, which makes SIGTERM stop MkDocs as cleanly as Ctrl+C does.
    """
    _require(args.config, "MkDocs-configuratie")
    host, _, port = args.addr.partition(":")
    print(f"De kennisbank draait op http://{host}:{port}/ (stoppen met Ctrl+C)", file=sys.stderr, flush=True)
    command = _python_module("generator.engines.mkdocs_serve", "serve", "-f", str(args.config), "-a", args.addr,
                             "--livereload")
    os.execve(sys.executable, command, dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return 0  # not reached


def read_config(config: Path) -> dict:
    yaml = YAML(typ="safe")
    return yaml.load(config.read_text(encoding="utf-8")) or {}


def export_project(config: Path, content: Path, out: Path) -> int:
    """A self-contained MkDocs project in OUT: our plugin's pages written out as plain files."""
    _require(config, "MkDocs-configuratie")
    if out.exists() and any(out.iterdir()) and not (out / EXPORT_MARKER).exists():
        raise UserError(f"{out}: map is niet leeg en is geen eerdere export; kies een lege of nieuwe map")
    config_data = read_config(config)
    with _work_folder(out) as work:
        generated = generate(content.resolve(), _settings(config_data))
        if not generated.ok:
            print(render(generated.diagnostics, "text"), file=sys.stderr)
            return 1
        write_project(generated, config, config_data, work / "export")
        _commit(work / "export", out, work)
    print(f"{len(generated.files)} gegenereerde bestanden geschreven naar {out}/", file=sys.stderr)
    return 0


def _settings(config_data: dict) -> SiteSettings:
    return SiteSettings.from_options(_plugin_options(config_data), config_data.get("site_url"))


def write_project(generated, config: Path, config_data: dict, out: Path, passthrough: bool = False) -> None:
    """Hand-written docs, generated pages and theme overrides, plus a mkdocs.yml without our plugin.

    With `passthrough` (the build, not the export) MkDocs takes finished HTML pages as they are
    (engines/passthrough.py): the same site, without parsing that HTML twice more."""
    out.mkdir(parents=True, exist_ok=True)
    docs = out / "docs"
    docs_source = config.parent / config_data.get("docs_dir", "docs")
    if docs_source.is_dir():
        shutil.copytree(docs_source, docs, dirs_exist_ok=True)
    for path, data in generated.files.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    theme = dict(config_data.get("theme") or {})
    if theme.get("custom_dir"):
        shutil.copytree(config.parent / theme["custom_dir"], out / "overrides", dirs_exist_ok=True)
        theme["custom_dir"] = "overrides"
    exported = dict(config_data, theme=theme, docs_dir="docs")
    exported["extra"] = dict(config_data.get("extra") or {}, **{DOCUMENTS_KEY: documents(docs)})
    exported["plugins"] = [p for p in config_data.get("plugins", []) if _plugin_name(p) != "kennisbank"]
    if passthrough:
        exported["plugins"].append(PASSTHROUGH_PLUGIN)
    yaml = YAML()
    yaml.default_flow_style = False
    with (out / "mkdocs.yml").open("w", encoding="utf-8") as handle:
        handle.write("# Geëxporteerd door `python -m generator export`: bouwt zonder de kennisbank-plugin.\n")
        yaml.dump(exported, handle)
    (out / EXPORT_MARKER).write_text("export van de kennisbank-generator\n", encoding="utf-8")


def documents(docs: Path) -> list[str]:
    """The hand-written pages at the top of docs/ (over.md, privacy.md…): the footer links only to those present."""
    return sorted(path.name for path in docs.glob("*.md")) if docs.is_dir() else []


def _plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _plugin_options(settings: dict) -> dict:
    for entry in settings.get("plugins", []):
        if isinstance(entry, dict) and "kennisbank" in entry:
            return dict(entry["kennisbank"] or {})
    return {}


def export_command(args) -> int:
    return export_project(args.config, args.content, args.out)


def guide_command(args) -> int:
    """Print the editor guide (CONTRIBUTING.md) with links to the configured site_url."""
    _require(args.config, "MkDocs-configuratie")
    text = contributing_guide(args.content.resolve(), _settings(read_config(args.config)))
    if text is None:
        print("De content heeft fouten; draai eerst make check.", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0
