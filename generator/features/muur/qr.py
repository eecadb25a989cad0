"""QR codes for the posters: one SVG per record, pointing at the record's page on the published site.

Made at build time with segno, from `site_url` (SiteSettings): a QR code on paper must hold an
absolute address, so a build without `site_url` makes none and the poster says why. The mask is
fixed rather than chosen per code: choosing it is what costs time (about 13 ms a code against 4 on
this machine, a minute at 5,000 records), and any of the eight masks is a valid, decodable code.
Error correction M survives a crease or a pin through a card.
"""

from __future__ import annotations

import io

import segno

from generator.core.paths import url_of

MASK = 4
ERROR = "m"


def record_url(site_url: str, record_path: str) -> str:
    """Absolute address of a generated page: 'https://x.nl/' + 'projecten/y.md' -> 'https://x.nl/projecten/y/'."""
    return site_url.rstrip("/") + "/" + url_of(record_path)


def qr_svg(address: str) -> bytes:
    """The code as a small standalone SVG (black modules on white, quiet zone of four modules)."""
    code = segno.make_qr(address, error=ERROR, mask=MASK, boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=True, nl=False, border=4, omitsize=True,
              light="#fff", title=None)
    return out.getvalue()
