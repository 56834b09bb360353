#!/usr/bin/env bash
# A first run on a fresh machine: installs the C libraries erlint links (libxml2 for router
# configs, jemalloc as its malloc on Linux) where they are missing, builds erlint and audits
# samples/contoso, writing the reports to out/.
#
#   scripts/setup.sh              install what the build needs, build, audit samples/
#   scripts/setup.sh --deps-only  install what the build needs, nothing else
#   scripts/setup.sh --test-deps  also what the tests use: xmllint, Python's jsonschema, chromium
#
# Packages come from apt-get, as root or through sudo; on a machine without apt-get (macOS:
# `brew install libxml2 jemalloc pkg-config`) it says what is missing and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1 tests=0
for arg in "$@"; do
  case "$arg" in
    --deps-only) build=0 ;;
    --test-deps) tests=1 ;;
    *) echo "usage: scripts/setup.sh [--deps-only] [--test-deps]" >&2; exit 2 ;;
  esac
done

# Each package the build or the tests need, with the check that says it is there.
missing=()
command -v pkg-config >/dev/null || missing+=(pkg-config)
if [[ "$(uname -s)" == Linux ]]; then
  # Headers and pkg-config files: the build compiles against both.
  { command -v pkg-config >/dev/null && pkg-config --exists libxml-2.0; } || missing+=(libxml2-dev)
  [[ -e /usr/include/jemalloc/jemalloc.h ]] || { command -v pkg-config >/dev/null && pkg-config --exists jemalloc; } \
    || missing+=(libjemalloc-dev)
fi
if (( tests )); then
  command -v xmllint >/dev/null || missing+=(libxml2-utils)
  python3 -c 'import jsonschema' 2>/dev/null || missing+=(python3-jsonschema)
  command -v chromium >/dev/null || missing+=(chromium)
fi

if (( ${#missing[@]} )); then
  if ! command -v apt-get >/dev/null; then
    echo "setup: missing ${missing[*]}, and there is no apt-get here to install them" >&2
    exit 1
  fi
  sudo=()
  if (( EUID != 0 )); then
    command -v sudo >/dev/null || { echo "setup: installing ${missing[*]} needs root (or sudo)" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "setup: installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

(( build )) || exit 0
swift build
# Exit 1 is the expected outcome: the sample estate carries planted faults.
status=0
.build/debug/erlint audit samples/contoso --format text,html,junit,sarif --output out || status=$?
if (( status == 1 )); then
  echo "setup: built; the audit of samples/contoso found its planted faults (exit 1), reports in out/" >&2
  exit 0
fi
echo "setup: the audit of samples/contoso ended with exit $status, expected 1" >&2
exit "$status"
