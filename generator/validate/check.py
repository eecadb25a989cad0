"""Checking content: every record against its model, the vocabularies, the register and each other.

`check_content` never stops at the first problem: it collects every diagnostic, for every
file, so an editor fixes a pull request in one round. The result also carries the records
that passed (with vocabulary values made canonical), which is what the catalogue is built
from: the site and `check` see exactly the same data.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path


from generator.core.diagnostics import Diagnostic, error
from generator.core.messages import message
from generator.core.paths import page_path
from generator.model.content import Content
from generator.validate.discovery import SUPPORT_FILES, discover, expand_paths, shown_path
from generator.core.parallel import parallel_map
from generator.validate.records import Checked, RecordChecker, read_record_file
from generator.validate.schemes import check_page_links, cross_check
from generator.validate.support import load_support


def check_content(root: Path, extra_paths: list[Path] | None = None, today: dt.date | None = None) -> Content:
    """Load and check a whole content folder, plus record files or folders elsewhere (test fixtures).

    Records outside the folder are checked against it: its vocabularies, register, schemes
    and the ids of its records. `today` (default: the real date) only dates warnings about
    stale contact details; the records that pass never depend on it.
    """
    diagnostics: list[Diagnostic] = []
    vocabularies, directory, sources = load_support(root, diagnostics)
    support = frozenset(shown_path(root / name) for name in SUPPORT_FILES)
    content = Content(root, vocabularies, directory, sources, diagnostics=diagnostics, support_paths=support)
    checker = RecordChecker(vocabularies, directory, sources, today)
    files = list(discover(root, diagnostics))
    seen = {os.path.realpath(p) for p, _ in files}
    for path, kind in expand_paths(list(extra_paths or []), root, diagnostics):
        if os.path.realpath(path) not in seen:
            seen.add(os.path.realpath(path))
            files.append((path, kind))
    first_place: dict[tuple[str, str], str] = {}
    checked: list[Checked] = []
    for read in parallel_map(read_record_file, files):  # each file on its own; judged in order below
        path, kind = read.path, read.kind
        result = checker.judge(read, diagnostics)
        content.record_paths.append(result.path)
        key = (kind, path.stem)
        if key in first_place:
            diagnostics.append(error(result.path, 1, 1, "", message("KB-E206", id=path.stem, eerder=first_place[key])))
            continue
        first_place[key] = result.path
        checked.append(result)
    cross_check(content, checked, diagnostics)
    check_page_links(content, checked, {page_path(kind, record_id) for kind, record_id in first_place}, diagnostics)
    for result in checked:
        if result.record is not None:
            target = content.projects if result.kind == "projects" else content.schemes
            target[result.record.id] = result.record
    content.projects = dict(sorted(content.projects.items()))
    content.schemes = dict(sorted(content.schemes.items()))
    return content
