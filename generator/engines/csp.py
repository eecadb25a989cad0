"""A Content-Security-Policy in every built page: defence in depth behind the body sanitiser.

The policy allows scripts from the site itself and, by their SHA-256 hash, exactly the inline
scripts the page was built with (Material's small start-up scripts, the offline calculator).
Because a hash is listed, browsers ignore inline event handlers (`onerror=…`) and any inline
script that was not there at build time; third-party scripts, plugins, frames and foreign form
targets are refused. It is a `<meta http-equiv>`, added by our MkDocs plugins as each page is
written (engines/passthrough.py for `make site`, engines/mkdocs_plugin.py for `serve`), so it
works on any host; what a host should add as real headers is in the README
(`frame-ancestors` only works as a header).
"""

from __future__ import annotations

import base64
import hashlib
import re

DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval' {hashes}"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self' blob:"),
    ("object-src", "'none'"),
    ("frame-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
"""'wasm-unsafe-eval' lets Pagefind compile its WebAssembly search index; it allows no JavaScript eval."""

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<code>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPE = re.compile(r"""\stype\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_HEAD = re.compile(r"<head[^>]*>(?:\s*<meta charset=[^>]*>)?", re.IGNORECASE)
_EXISTING = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', re.IGNORECASE)


def script_hashes(html: str) -> list[str]:
    """CSP source expressions for every inline script that runs (JSON data blocks do not), in page order."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if _SRC.search(attrs) or _DATA_TYPE.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("code").encode("utf-8")).digest()).decode("ascii")
        expression = f"'sha256-{digest}'"
        if expression not in hashes:
            hashes.append(expression)
    return hashes


def policy(html: str) -> str:
    hashes = " ".join(script_hashes(html))
    return "; ".join(f"{name} {value.format(hashes=hashes)}".strip() for name, value in DIRECTIVES)


def with_policy(html: str) -> str:
    """The page with its policy first in <head> (after the charset); a page without <head> is returned as it is."""
    html = _EXISTING.sub("", html)
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[:head.end()] + "\n" + meta + html[head.end():]
