"""Every test in tests/browser/ runs in real Chromium, so every test here is marked `browser`.

The mark is set from the folder, not per file: a browser test is one that lives here. Run the
rest with `pytest -m 'not browser'`; in CI (CI=true) a missing Chromium fails these tests
(tests/conftest.py, require_chromium). Fixtures and helpers stay in tests/conftest.py, which
these modules import as `conftest`; this folder is a package so that this file does not take
that name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects: the mark must be there when it looks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
