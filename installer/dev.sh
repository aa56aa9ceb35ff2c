#!/usr/bin/env bash
# Set up everything on a fresh Debian/Ubuntu machine, then run the demo or the tests.
#
#   bash installer/dev.sh demo   # the app in demo mode (simulated card, local server)
#   bash installer/dev.sh test   # the whole test suite (lint, types, tests)
#
# Idempotent: Debian packages are installed only when missing, the venv is reused and
# refreshed only when pyproject.toml changed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
venv="$here/.venv"

# Debian packages the app and its tests use. Each group says why.
APT_PACKAGES=(
  # smart cards: the PC/SC daemon, the vpcd virtual reader driver, headers + swig for pyscard
  pcscd vsmartcard-vpcd libpcsclite-dev swig
  # python venv and build headers
  python3-venv python3-dev build-essential
  # C compiler for the fake TWAIN DSM the scan tests build (tests/scan/twain_fake/fake_twain.c)
  gcc libc6-dev
  # Qt runtime libraries (offscreen and X11)
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 xvfb
  # Qt Multimedia (document camera) runtime
  libpulse0 libasound2
  # fonts with full Vietnamese glyphs (metric-compatible with Times New Roman)
  fonts-liberation2
  # scanning (SANE test backend), OCR with the Vietnamese model, PDF tools, signing tokens
  sane-utils libsane1 libsane-dev tesseract-ocr tesseract-ocr-vie poppler-utils ghostscript
  softhsm2 opensc
  # external PDF structure check for the scan tests (qpdf --check); pngquant for OCRmyPDF -O2 in bench/scan.py
  qpdf pngquant
  # production database for the reference intake server (replica tests)
  postgresql
)

log() { printf '\033[1m[kiosk setup]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

python_bin() {
  # Prefer a python3 >= 3.11 already on PATH (pyenv, deadsnakes), else Debian's.
  for cand in python3.13 python3.12 python3.11 python3; do
    if command -v "$cand" >/dev/null 2>&1 &&
      "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$cand"; return
    fi
  done
  echo "Python 3.11 or newer is needed (Debian 12 / Ubuntu 24.04 ship it)." >&2
  exit 1
}

setup_venv() {
  if [ ! -x "$venv/bin/python" ]; then
    log "creating the virtual environment in .venv"
    "$(python_bin)" -m venv "$venv"
  fi
  local stamp="$venv/.kiosk-installed" want
  want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing Python packages (first run takes a few minutes)"
    "$venv/bin/python" -m pip install -q --upgrade pip
    "$venv/bin/python" -m pip install -q -e ".[dev]"
    echo "$want" >"$stamp"
  fi
}

compile_translations() {
  # .ts (Qt Linguist sources) -> .qm next to them, when a .ts is newer than its .qm.
  local lrelease="$venv/bin/pyside6-lrelease"
  [ -x "$lrelease" ] || return 0
  for ts in assets/translations/*.ts; do
    [ -e "$ts" ] || continue
    local qm="${ts%.ts}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then "$lrelease" -silent "$ts" -qm "$qm"; fi
  done
}

setup() {
  install_debian_packages
  setup_venv
  compile_translations
}

cmd=${1:-}
shift || true
case "$cmd" in
  demo)
    setup
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      log "no display found: starting the app on a virtual screen (Xvfb)"
      exec xvfb-run -a -s "-screen 0 1366x768x24" "$venv/bin/kiosk" demo "$@"
    fi
    exec "$venv/bin/kiosk" demo "$@"
    ;;
  test)
    setup
    export QT_QPA_PLATFORM=offscreen
    log "lint (ruff)"
    "$venv/bin/ruff" check kiosk ui sync tests bench
    log "types (mypy)"
    "$venv/bin/mypy"
    log "tests (pytest)"
    set +e
    "$venv/bin/python" -m pytest "$@"
    rc=$?
    set -e
    # pytest exit 5 = no tests collected: that is a failure, not a pass.
    if [ "$rc" -eq 5 ]; then echo "no tests were collected" >&2; exit 1; fi
    exit "$rc"
    ;;
  setup)
    setup
    ;;
  *)
    echo "usage: bash installer/dev.sh demo|test|setup [args...]" >&2
    exit 2
    ;;
esac
