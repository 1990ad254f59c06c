#!/usr/bin/env bash
# Makes sure the system tools the tests need are present. Installs them with apt-get when running
# as root; otherwise stops with one line saying what to install. Never lets a test skip silently.
set -euo pipefail
# command  -> Debian package
declare -A NEED=(
  [/usr/bin/chromium]=chromium
  [java]=default-jre-headless
  [pdftoppm]=poppler-utils
)
missing=()
for cmd in "${!NEED[@]}"; do
  if [[ "$cmd" == /* ]]; then [[ -x "$cmd" ]] || missing+=("${NEED[$cmd]}")
  else command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEED[$cmd]}"); fi
done
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
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
