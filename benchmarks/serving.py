"""The `make serve` budget of `make bench`: after an editor saves one record, how long until the page shows it.

`python -m generator serve` becomes `mkdocs serve` with our plugin, which watches the content
folder and rebuilds the whole site on a change (generator/engines/mkdocs_plugin.py). Measured from
outside, as an editor experiences it: start the server on a free port, wait until it serves the
record's page, then save the record with a new title and poll the page over HTTP until the new
title is in it. Between edits the server's log must report the rebuild finished
("Documentation built"), so one edit's rebuild never overlaps the next edit.
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from measure import ENV, StepFailed

POLL = 0.1
TIMEOUT = 600.0
BUILT = "Documentation built in"
TITLE = re.compile(r'^titel: "(.*)"$', re.MULTILINE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServeLog(threading.Thread):
    """Reads the server's output as it comes, so the pipe never fills; counts finished builds."""

    def __init__(self, stream) -> None:
        super().__init__(daemon=True)
        self.stream, self.lines, self.builds = stream, [], 0

    def run(self) -> None:
        for line in self.stream:
            self.lines.append(line)
            if BUILT in line:
                self.builds += 1

    def tail(self) -> str:
        return "".join(self.lines[-40:])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait(condition, what: str, process: subprocess.Popen, log: ServeLog) -> float:
    started = time.perf_counter()
    while not condition():
        if process.poll() is not None:
            raise StepFailed(f"make serve stopte tijdens {what} (code {process.returncode}):\n{log.tail()}")
        if time.perf_counter() - started > TIMEOUT:
            raise StepFailed(f"make serve: {what} duurde langer dan {TIMEOUT:.0f} s:\n{log.tail()}")
        time.sleep(POLL)
    return time.perf_counter() - started


def measure_serve(config: Path, record: Path, page: str, edits: int, cwd: Path) -> dict:
    """{"start_s": seconds until the page is served, "edits_s": [seconds per edit until the page shows it]}.

    `record` is restored to what it was afterwards; `page` is the record's path on the site.
    """
    original = record.read_text(encoding="utf-8")
    title = TITLE.search(original)
    if title is None:
        raise StepFailed(f"{record}: geen regel 'titel: \"…\"' om te bewerken")
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page.strip('/')}/"
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--config", str(config),
                                "--addr", f"127.0.0.1:{port}"], cwd=cwd, env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
    log = ServeLog(process.stdout)
    log.start()
    try:
        start_s = _wait(lambda: (_fetch(url) or "").find(title.group(1)) >= 0 and log.builds >= 1,
                        "het opstarten", process, log)
        edits_s = []
        for number in range(1, edits + 1):
            marker = f"{title.group(1)} versie {number}"
            builds = log.builds
            record.write_text(original.replace(title.group(0), f'titel: "{marker}"', 1), encoding="utf-8")
            edits_s.append(_wait(lambda: marker in (_fetch(url) or ""), f"bewerking {number}", process, log))
            _wait(lambda: log.builds > builds, f"het afronden van bewerking {number}", process, log)
        return {"start_s": start_s, "edits_s": edits_s}
    finally:
        record.write_text(original, encoding="utf-8")
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.join(timeout=5)
