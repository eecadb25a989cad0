"""Builds that are stopped, run twice at once, or published: no debris, no orphans, readable files.

Each test builds the small golden project for real (`python -m generator build` in a
subprocess, about two seconds); the good previous site the tests start from is built once per
module and copied into each test's folder. A stop signal is sent while a child process works in the
staging folder, so the test sees what a user's Ctrl+C or a service manager's SIGTERM leaves.
Children are found by scanning /proc for command lines that name this test's staging folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_site import make_project

SLOW_PAGEFIND = f"""#!{sys.executable}
# Stands in for Pagefind: waits (its arguments, with the staging folder, stay in its command line).
import time
time.sleep(120)
"""


def start_build(project: Path, site: Path, env: dict | None = None, search: bool = False) -> subprocess.Popen:
    """`python -m generator build` in its own process group, so a failed test can still kill everything."""
    command = [sys.executable, "-m", "generator", "build", "--content", str(project / "content"),
               "--config", str(project / "mkdocs.yml"), "--site-dir", str(site)]
    return subprocess.Popen(command + ([] if search else ["--no-search"]), cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", start_new_session=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})))


def processes_naming(text: str) -> list[str]:
    """Command lines of live processes that contain `text` (zombies have an empty command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(f"{entry.name}: {cmdline}")
    return found


def wait_until(condition, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def finish(process: subprocess.Popen, timeout: float = 30) -> tuple[int, str]:
    """The exit code and stderr; the whole process group is killed if it does not end in time."""
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process)
        _, stderr = process.communicate()
        pytest.fail(f"de bouw stopte niet binnen {timeout} s na het signaal:\n{stderr}")
    return process.returncode, stderr


def kill_group(process: subprocess.Popen) -> None:
    """Whatever is left of a build's process group, also an orphaned child of a build that already ended."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """The golden project built for real once; each test gets a copy (a build takes seconds, a copy not)."""
    base = tmp_path_factory.mktemp("built")
    site = base / "site"
    code, stderr = finish(start_build(make_project(base), site), timeout=120)
    assert code == 0, stderr
    return site


@pytest.fixture
def built(tmp_path, built_once):
    """A project and a good previous site of it, marked so a test can see it survived."""
    project = make_project(tmp_path)
    site = tmp_path / "site"
    shutil.copytree(built_once, site, symlinks=True)
    (site / "marker.txt").write_text("vorige site", encoding="utf-8")
    return project, site


def slow_pagefind(tmp_path: Path) -> Path:
    script = tmp_path / "slow-pagefind"
    script.write_text(SLOW_PAGEFIND, encoding="utf-8")
    script.chmod(0o755)
    return script


def assert_clean_after_stop(process: subprocess.Popen, signum: int, tmp_path: Path, site: Path) -> None:
    code, stderr = finish(process)
    assert code == 128 + signum, stderr
    assert "Onderbroken" in stderr and "ongewijzigd" in stderr, stderr
    assert "Traceback" not in stderr and "interne fout" not in stderr, stderr
    assert not processes_naming(str(tmp_path / "site.new-")), "child process outlived the build"
    assert not list(tmp_path.glob("site.new-*")), "staging folder or temporary project left behind"
    assert (site / "marker.txt").read_text(encoding="utf-8") == "vorige site"
    assert not list((tmp_path / "tmp").iterdir()), "temporary files left in TMPDIR"


@pytest.mark.parametrize("signum, whole_group", [(signal.SIGTERM, False), (signal.SIGINT, True)],
                         ids=["SIGTERM-to-build", "SIGINT-to-group-like-ctrl-c"])
def test_stop_while_mkdocs_builds(built, tmp_path, signum, whole_group):
    project, site = built
    (tmp_path / "tmp").mkdir()
    process = start_build(project, site, env={"TMPDIR": str(tmp_path / "tmp")})
    staging = str(tmp_path / "site.new-")
    try:
        assert wait_until(lambda: any("mkdocs build" in p for p in processes_naming(staging))), \
            "MkDocs startte niet in de tijdelijke map"
        if whole_group:
            os.killpg(process.pid, signum)
        else:
            os.kill(process.pid, signum)
        assert_clean_after_stop(process, signum, tmp_path, site)
    finally:
        kill_group(process)


def test_stop_while_search_index_is_made(built, tmp_path):
    """SIGTERM to the build alone: the build must stop its Pagefind child itself."""
    project, site = built
    (tmp_path / "tmp").mkdir()
    pagefind = slow_pagefind(tmp_path)
    process = start_build(project, site, search=True, env={"PAGEFIND_BIN": str(pagefind),
                                                           "TMPDIR": str(tmp_path / "tmp")})
    try:
        assert wait_until(lambda: any(str(pagefind) in p for p in processes_naming(str(tmp_path / "site.new-")))), \
            "de zoekindex begon niet"
        os.kill(process.pid, signal.SIGTERM)
        assert_clean_after_stop(process, signal.SIGTERM, tmp_path, site)
    finally:
        kill_group(process)


def test_second_build_waits_its_turn_and_debris_of_a_killed_build_goes(built, tmp_path):
    """A second build while one runs stops with a message; a later build removes a killed build's folder."""
    project, site = built
    pagefind = slow_pagefind(tmp_path)
    first = start_build(project, site, search=True, env={"PAGEFIND_BIN": str(pagefind)})
    try:
        assert wait_until(lambda: processes_naming(str(pagefind))), "de eerste bouw kwam niet bij de zoekindex"
        code, stderr = finish(start_build(project, site))
        assert code == 2 and "er loopt al een bouw" in stderr, stderr
        assert (site / "marker.txt").is_file()
        kill_group(first)  # as the OOM killer would: no chance to clean up
    finally:
        kill_group(first)
    assert list(tmp_path.glob("site.new-*")), "a killed build leaves its folder (that is what the next build removes)"
    code, stderr = finish(start_build(project, site), timeout=120)
    assert code == 0, stderr
    assert not list(tmp_path.glob("site.new-*")), "the killed build's folder should be gone"
    assert not (site / "marker.txt").exists(), "the new site replaces the old one"


def test_site_is_readable_by_a_web_server_whatever_the_umask(tmp_path):
    """Folders 0755 and files 0644, also when the builder's umask is 077 (a server as another user reads them)."""
    project = make_project(tmp_path)
    site = tmp_path / "site"
    process = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(project / "content"),
                              "--config", str(project / "mkdocs.yml"), "--site-dir", str(site), "--no-search"],
                             cwd=project, capture_output=True, text=True, encoding="utf-8", timeout=120,
                             env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), preexec_fn=lambda: os.umask(0o077))
    assert process.returncode == 0, process.stderr
    wrong = [f"{oct(stat.S_IMODE(path.lstat().st_mode))} {path}" for path in [site, *site.rglob("*")]
             if not path.is_symlink()
             and stat.S_IMODE(path.lstat().st_mode) != (0o755 if path.is_dir() else 0o644)]
    assert not wrong, wrong[:10]


def test_serve_stopped_by_sigterm_removes_its_temporary_site(tmp_path):
    """`serve` is MkDocs' server; SIGTERM must let it remove its temporary site folder, like Ctrl+C does."""
    project = make_project(tmp_path)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--addr", "127.0.0.1:0"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                              start_new_session=True,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temporary)))
    try:
        assert wait_until(lambda: any(temporary.glob("*/index.html"))), "serve bouwde de site niet"
        os.kill(server.pid, signal.SIGTERM)
        code, stderr = finish(server)
        assert not list(temporary.iterdir()), "MkDocs' temporary site was left behind"
        assert code == 128 + signal.SIGTERM and "gestopt" in stderr, stderr
    finally:
        kill_group(server)


def test_an_internal_error_in_the_build_leaves_no_debris(built, tmp_path):
    """Not a content problem (here: the theme folder is missing): one-line report, no staging folder, old site."""
    project, site = built
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("custom_dir: overrides", "custom_dir: ontbreekt"),
                      encoding="utf-8")
    code, stderr = finish(start_build(project, site))
    assert code == 2 and "interne fout" in stderr and "Traceback" not in stderr, stderr
    assert not list(tmp_path.glob("site.new-*"))
    assert (site / "marker.txt").is_file()


def test_a_failed_swap_puts_the_old_site_back(tmp_path):
    from generator.engines.build import _swap

    site = tmp_path / "site"
    site.mkdir()
    (site / "marker.txt").write_text("vorige site", encoding="utf-8")
    with pytest.raises(OSError):
        _swap(tmp_path / "bestaat-niet", site, tmp_path / "vorige")
    assert (site / "marker.txt").read_text(encoding="utf-8") == "vorige site"
