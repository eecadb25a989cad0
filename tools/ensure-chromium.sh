#!/bin/sh
# Browser tests drive Debian's Chromium through Playwright. Install it when we can (root) and it is missing.
for candidate in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  [ -n "$candidate" ] && [ -x "$candidate" ] && exit 0
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium ontbreekt; installeren uit de Debian-pakketten..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core) >/dev/null \
    || { echo "Installeren van Chromium mislukt" >&2; exit 1; }
  exit 0
fi
echo "Let op: geen Chromium gevonden en geen root; browsertests worden overgeslagen (in CI mislukken ze)." >&2
exit 0
