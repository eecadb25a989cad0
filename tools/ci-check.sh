#!/bin/sh
# What the pull-request workflow runs (and tests/test_github.py runs too): `check --format github`
# puts annotations on the changed lines; GitHub shows only the first few per step, so the full
# list also goes to the job summary ($GITHUB_STEP_SUMMARY; skipped when unset, as on a laptop).
# Exit code is that of `check`: 0 in orde, 1 fouten in content.
KENNISBANK="${KENNISBANK:-.venv/bin/kennisbank}"
"$KENNISBANK" check content --format github
status=$?
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "## Controle van de records"
    echo
    echo '```'
    "$KENNISBANK" check content 2>&1
    echo '```'
  } >> "$GITHUB_STEP_SUMMARY"
fi
exit $status
