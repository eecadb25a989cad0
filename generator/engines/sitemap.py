"""The sitemap's dates: each page's change date instead of the day of the build.

Stock MkDocs writes `<lastmod>` from SOURCE_DATE_EPOCH or the clock. The build sets that variable
to the date the data last changed (`data_epoch`), so every page has a date from the content; then
record and scheme pages get their own `laatst_beoordeeld` from the `kb_gewijzigd` front matter of
the generated page (render/linked_data.py). The same content gives the same sitemap, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from collections.abc import Mapping
from pathlib import Path

from generator.core.paths import url_of
from generator.render.linked_data import CHANGED_KEY

_CHANGED = re.compile(rf"^---\n{CHANGED_KEY}: '(\d{{4}}-\d{{2}}-\d{{2}})'\n")
_ENTRY = re.compile(r"(<loc>)([^<]*)(</loc>\s*<lastmod>)([^<]*)(</lastmod>)")


def data_epoch(date: str) -> str:
    """SOURCE_DATE_EPOCH for a YYYY-MM-DD date (midnight UTC), or '0' without one."""
    if not date:
        return "0"
    return str(int(dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone.utc).timestamp()))


def page_dates(files: Mapping[str, str | bytes]) -> dict[str, str]:
    """{site URL path ('projecten/x/'): YYYY-MM-DD} for every generated page that carries its date."""
    dates = {}
    for path, text in files.items():
        if path.endswith(".md") and isinstance(text, str) and (found := _CHANGED.match(text)):
            dates[url_of(path)] = found.group(1)
    return dates


def date_sitemap(site: Path, site_url: str | None, dates: Mapping[str, str]) -> None:
    """Rewrite sitemap.xml (and its .gz, written without a timestamp) with the pages' own dates."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    base = (site_url or "").rstrip("/") + "/"

    def dated(match: re.Match) -> str:
        path = match.group(2).removeprefix(base) if match.group(2).startswith(base) else None
        date = dates.get(path) if path is not None else None
        return match.group(0) if date is None else match.expand(rf"\g<1>\g<2>\g<3>{date}\g<5>")

    text = _ENTRY.sub(dated, sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
