"""Finding record files: the content folder's kinds, links that lead outside it, special and
hidden files, and files named on the command line. Nothing is skipped without a word.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator


from generator.core.diagnostics import Diagnostic, error, warning
from generator.core.messages import message
from generator.load.files import is_inside, special_file_problem
from generator.model.content import KINDS


def shown_path(path: Path) -> str:
    """Paths in messages are relative to the working folder when possible, with forward slashes."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()




def discover(root: Path, diagnostics: list[Diagnostic]) -> Iterator[tuple[Path, str]]:
    """(file, kind) for every record file under root/projects and root/schemes, subfolders included.

    Links that lead outside the content folder are reported and never read; so are special files
    (FIFO, device, socket) beside the support files, which nothing may open.
    """
    try:
        names = sorted(os.listdir(root))
    except OSError as exc:
        names = []
        diagnostics.append(_unreadable_folder(exc))
    for name in names:
        special = None if name in SUPPORT_FILES or (root / name).is_dir() else _special_file(root / name)
        if special is not None:
            diagnostics.append(special)
    for kind in KINDS:
        base = root / kind
        if not base.is_dir():
            continue
        for path in _walk(base, lambda _: root, "content/", diagnostics, content=True):
            yield path, kind


_SKIPPED_FOLDERS = ("node_modules", "site", "__pycache__")


def _unreadable_folder(exc: OSError) -> Diagnostic:
    """os.walk could not list a folder: its records would be left out without a word."""
    shown = shown_path(Path(exc.filename)) if exc.filename else "content"
    return error(shown, 1, 1, "", message("KB-E704", fout=exc.strerror or exc))


def _special_file(path: Path) -> Diagnostic | None:
    """An error for a FIFO, device or socket (never opened); None for a regular file or a broken link."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # a broken link: reading it reports the problem
    return special_file_problem(mode, shown_path(path))


def _walk(base: Path, boundary_of: Callable[[Path], Path], where: str, diagnostics: list[Diagnostic],
          content: bool) -> Iterator[Path]:
    """Markdown files under `base`, sorted; links that lead outside their boundary are reported, not followed.

    In the content folder every other file is worth a warning; elsewhere (fixture folders, which
    hold expectations next to the records) other files, hidden folders and build output are ignored.
    """
    for folder, subfolders, files in os.walk(base, onerror=lambda exc: diagnostics.append(_unreadable_folder(exc))):
        subfolders.sort()
        for name in list(subfolders):
            link = Path(folder) / name
            if not content and (name.startswith(".") or name in _SKIPPED_FOLDERS):
                subfolders.remove(name)
            elif link.is_symlink() and not is_inside(link, boundary_of(link)):
                diagnostics.append(error(shown_path(link), 1, 1, "", message("KB-E702", waar=where)))
                subfolders.remove(name)
        for name in sorted(files):
            path = Path(folder) / name
            special = _special_file(path)
            if special is not None:
                diagnostics.append(special)
                continue
            if name.startswith("."):
                if content and path.suffix.lower() == ".md":
                    diagnostics.append(error(shown_path(path), 1, 1, "", message("KB-E703", naam=name.lstrip("."))))
                continue
            if path.suffix.lower() != ".md":
                if content:
                    diagnostics.append(warning(shown_path(path), 1, 1, "", message("KB-W701")))
                continue
            if path.is_symlink() and not is_inside(path, boundary_of(path)):
                diagnostics.append(error(shown_path(path), 1, 1, "", message("KB-E701", waar=where)))
                continue
            yield path


def _kind_folder(path: Path) -> Path | None:
    """The nearest folder above a record file that is named after a kind (projects/, schemes/)."""
    return next((parent for parent in Path(os.path.abspath(path)).parents if parent.name in KINDS), None)


def kind_of(path: Path) -> str:
    """Kind of a record file outside the content folder (test fixtures): the nearest folder named after a kind."""
    folder = _kind_folder(path)
    return folder.name if folder else "projects"


def _boundary(path: Path) -> Path:
    """For a record outside the content folder: the folder that holds its projects/ or schemes/ folder.

    That is what content/ is for the records inside it: a link in a fixture folder may point
    anywhere in that fixture folder, and nowhere else. Without such a folder: the file's own folder.
    """
    folder = _kind_folder(path)
    return folder.parent if folder else Path(os.path.abspath(path)).parent


def expand_paths(paths: list[Path], root: Path, diagnostics: list[Diagnostic]) -> list[tuple[Path, str]]:
    """(file, kind) for the record files named on the command line that lie outside the content folder.

    The content folder itself is always checked whole, so paths inside it add nothing here. Files
    found in a named folder have had their links checked by _walk; a named file is checked here.
    """
    found: list[tuple[Path, str]] = []
    for path in paths:
        if is_inside(path.parent, root) or (path.is_dir() and is_inside(path, root)):
            continue
        if path.is_dir():
            files = list(_walk(path, _boundary, "de map met records", diagnostics, content=False))
        elif path.is_symlink() and not is_inside(path, _boundary(path)):
            diagnostics.append(error(shown_path(path), 1, 1, "", message("KB-E701", waar="de map met records")))
            continue
        else:
            files = [path]
        found.extend((file, kind_of(file)) for file in files if not is_inside(file, root))
    return found


SUPPORT_FILES = ("vocabulaires.yaml", "gemeenten.yaml", "organisaties.yaml", "bronnen.yaml")


def find_content_root(start: Path) -> Path | None:
    """The content folder for `start`: the nearest folder at or above it that holds vocabulaires.yaml,
    or a folder named content/ with one beside such a folder (a fixture in tests/ finds the repository's)."""
    start = start.resolve()
    for folder in (start, *start.parents) if start.is_dir() else start.parents:
        if (folder / "vocabulaires.yaml").is_file():
            return folder
        if (folder / "content" / "vocabulaires.yaml").is_file():
            return folder / "content"
    return None
