#!/usr/bin/env bash
# Makes sure the system tools the tests need are present. Installs them with apt-get when running
# as root; otherwise stops with one line saying what to install. Never lets a test skip silently.
set -euo pipefail
# command  -> Debian package
declare -A NEED=(
  [/usr/bin/chromium]=chromium
  [java]=default-jre-headless
  [pdftoppm]=poppler-utils
  # Finnish base forms and compound parts for the search index (src/kumppanuus/search.py)
  [/usr/lib/python3/dist-packages/libvoikko.py]=python3-libvoikko
  [/usr/lib/voikko/5/mor-standard/index.txt]=voikko-fi
)
# "search": only what the build itself needs (make build / make serve), not the test browsers
if [[ "${1:-}" == "search" ]]; then
  for cmd in "${!NEED[@]}"; do [[ "${NEED[$cmd]}" == *voikko* ]] || unset "NEED[$cmd]"; done
fi
missing=()
for cmd in "${!NEED[@]}"; do
  if [[ "$cmd" == /* ]]; then [[ -e "$cmd" ]] || missing+=("${NEED[$cmd]}")
  else command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEED[$cmd]}"); fi
done
if [[ "${1:-}" != "search" ]]; then
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages: ${missing[*]} — install them (e.g. 'sudo apt-get install ${missing[*]}') and run make test again." >&2
  exit 1
fi
