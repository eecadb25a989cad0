"""QR codes for the posters: one SVG per record, pointing at the record's page on the published site.

Encoded at build time with segno, from `site_url` (SiteSettings): a QR code on paper must hold an
absolute address, so a build without `site_url` makes none and the poster says why. The mask is
fixed rather than chosen per code: choosing it is what costs time (about 13 ms a code against 4 on
this machine, a minute at 5,000 records), and any of the eight masks is a valid, decodable code.
Error correction M survives a crease or a pin through a card. The SVG is written here, one line
per run of dark modules, which takes a tenth of the time segno's general-purpose writer does.
Encoding stays pure Python at about 2 ms a code, so a large wall spreads its codes over every
core (`qr_svgs`).
"""

from __future__ import annotations

import re

import segno

from generator.core.parallel import parallel_map
from generator.core.paths import url_of

MASK = 4
ERROR = "m"


def record_url(site_url: str, record_path: str) -> str:
    """Absolute address of a generated page: 'https://x.nl/' + 'projecten/y.md' -> 'https://x.nl/projecten/y/'."""
    return site_url.rstrip("/") + "/" + url_of(record_path)


QUIET_ZONE = 4
DARK_RUN = re.compile(rb"\x01+")


def qr_svg(address: str) -> bytes:
    """The code as a small standalone SVG (black modules on white, quiet zone of four modules)."""
    matrix = segno.make_qr(address, error=ERROR, mask=MASK, boost_error=False).matrix
    size = len(matrix) + 2 * QUIET_ZONE
    lines = [f"M{QUIET_ZONE + run.start()} {QUIET_ZONE + y}.5h{run.end() - run.start()}"
             for y, row in enumerate(matrix) for run in DARK_RUN.finditer(bytes(row))]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}">'
            f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/>'
            f'<path stroke="#000" d="{"".join(lines)}"/></svg>').encode("ascii")



def qr_svgs(addresses: list[str]) -> list[bytes]:
    """`qr_svg` of every address, in the same order; on every core when there are many (core/parallel.py)."""
    return parallel_map(qr_svg, addresses)
