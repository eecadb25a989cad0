"""Names the site uses for itself, which a record id, a vocabulary value or a vocabulary `pad` may not take.

The names are data (reserved_names.yaml beside this module); a test keeps them in step with
what the renderer and docs/ actually produce.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from generator.core.messages import Message, message

RESERVED_NAMES = Path(__file__).parent / "reserved_names.yaml"


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(RESERVED_NAMES.read_text(encoding="utf-8"))


def site_folders() -> dict[str, str]:
    """Top-level names of the site, each with what it holds."""
    return {str(name): str(what) for name, what in _data()["mappen"].items()}


@lru_cache(maxsize=1)
def _page_names() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(re.escape(str(name)).replace(re.escape("{n}"), "[0-9]+") + r"\Z"), str(what))
            for name, what in _data()["paginanamen"].items()]


def page_name_use(name: str) -> str | None:
    """What the site makes under `name` in a folder with a list ('index', 'pagina-2'), or None when it is free."""
    return next((what for pattern, what in _page_names() if pattern.match(name)), None)


def folder_problem(pad: str) -> Message | None:
    """Why `pad` cannot be a vocabulary's folder, or None."""
    what = site_folders().get(pad)
    return None if what is None else message("KB-E205", pad=pad, gebruik=what)


def id_problem(name: str, kind: str) -> Message | None:
    """Why `name` cannot be the id of a page in a folder with a list, or None. `kind` names the id ('bestandsnaam')."""
    what = page_name_use(name)
    return None if what is None else message("KB-E204", naam=name, gebruik=what, soort=kind)
