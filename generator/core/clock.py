"""Today's date for the checks whose warnings depend on it (stale contacts, records not reviewed).

KENNISBANK_VANDAAG=YYYY-MM-DD overrides the system date: the test suite fixes it, so expected
diagnostics do not change as time passes, and an editor can reproduce the report of another day.
Nothing in the built site depends on it; pages compute "open or closed" in the browser.
"""

from __future__ import annotations

import datetime as dt
import os

ENVIRONMENT_KEY = "KENNISBANK_VANDAAG"


def today() -> dt.date:
    """The overriding date from the environment when set and valid, else the system date."""
    value = os.environ.get(ENVIRONMENT_KEY, "")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return dt.date.today()
