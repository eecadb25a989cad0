"""Small text helpers shared by vocabularies, the register and the validator.

Editors type names the way they know them ("gemeente súdwest fryslan"); matching folds
case, accents, punctuation and white space so that such a name still resolves, and the
same folding drives the "did you mean" suggestions.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase, strip accents, turn every run of other characters into one space.

    Cached: at 5,000 records the same few hundred names are folded hundreds of thousands of times.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", ascii_only.lower()).strip()


def slugify(text: str) -> str:
    """Kebab-case slug for URLs and ids: 'Súdwest-Fryslân' -> 'sudwest-fryslan'."""
    return fold(text).replace(" ", "-")


def closest(word: str, candidates: list[str], limit: int = 3) -> list[str]:
    """The candidates most like `word`, best first; compares folded forms, returns originals."""
    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    matches = difflib.get_close_matches(fold(word), list(by_fold), n=limit, cutoff=0.6)
    return [by_fold[m] for m in matches]


def suggestion_text(suggestions: list[str], notes: Mapping[str, str] | None = None) -> str:
    """' (bedoelde u 'X' of 'Y' (nu Z)?)', or '' when there is nothing to suggest.

    `notes` adds a remark after a name, outside its quotes, so the quoted part stays what to type.
    """
    if not suggestions:
        return ""
    notes = notes or {}
    quoted = [f"'{s}'" + (f" ({notes[s]})" if s in notes else "") for s in suggestions]
    joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " of " + quoted[-1]
    return f" (bedoelde u {joined}?)"
