#!/usr/bin/env bash
# Makes sure the system tools the build and the tests need are present, on Debian or Ubuntu. Installs them
# with apt-get when running as root; otherwise stops with one line saying what to install. Never lets a
# test skip silently.
#
#   scripts/ensure-system-deps.sh          everything `make test` needs
#   scripts/ensure-system-deps.sh search   only Voikko (Finnish base forms for the search index)
#   scripts/ensure-system-deps.sh serve    Voikko if it can be installed; otherwise a warning (make serve)
set -euo pipefail
mode="${1:-all}"

distro=debian
if [[ -r /etc/os-release ]]; then
  # shellcheck disable=SC1091
  . /etc/os-release
  [[ "${ID:-}" == ubuntu || " ${ID_LIKE:-} " == *" ubuntu "* ]] && distro=ubuntu
fi

missing=()
need_file() { [[ -e "$1" ]] || missing+=("$2"); }
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }

# Finnish base forms and compound parts for the search index (src/kumppanuus/site/search.py)
need_file /usr/lib/python3/dist-packages/libvoikko.py python3-libvoikko
[[ -e /usr/lib/voikko/5/mor-standard/index.txt || -e /usr/share/voikko/5/mor-standard/index.txt ]] \
  || missing+=(voikko-fi)

if [[ "$mode" == all ]]; then
  # The browser for the tests, make pdf and make bench: $CHROMIUM, or one found on the PATH.
  # Debian calls the package chromium; Ubuntu calls it chromium-browser.
  if [[ -n "${CHROMIUM:-}" && -x "${CHROMIUM}" ]]; then :
  elif command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
       || command -v google-chrome-stable >/dev/null 2>&1; then :
  elif [[ "$distro" == ubuntu ]]; then missing+=(chromium-browser)
  else missing+=(chromium); fi
  need_cmd java default-jre-headless      # the Nu HTML checker (node_modules/vnu-jar)
  need_cmd pdftoppm poppler-utils         # PDF page counts in the tests
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
fi

[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    exit 0
  fi
  [[ "$mode" == serve ]] || { echo "Could not install: ${missing[*]} (see the apt-get messages above)." >&2; exit 1; }
fi
if [[ "$mode" == serve ]]; then
  echo "Warning: ${missing[*]} missing: search previews without Finnish base forms (make test needs them: sudo apt-get install ${missing[*]})." >&2
  exit 0
fi
extra=""
[[ " ${missing[*]} " == *" chromium"* ]] && extra=" (or set CHROMIUM=/path/to/chromium)"
echo "Missing system packages: ${missing[*]} — install them (sudo apt-get install ${missing[*]})${extra} and run make again." >&2
exit 1
