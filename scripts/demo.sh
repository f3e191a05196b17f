#!/usr/bin/env bash
# The demo: everything offline, on the embedded defaults, in ./var/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
export AVTALEFLYT_DATA_DIR="${AVTALEFLYT_DATA_DIR:-$PWD/var/demo}"
export AVTALEFLYT_OFFLINE=1
rm -rf "$AVTALEFLYT_DATA_DIR"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

step "Initialise the database and reference data"
show avtaleflyt init

step "Register organisations (offline: kommuner from the reference data)"
show avtaleflyt org add "958 935 420" --role kilde --signatory "Kari Nordmann <kari.nordmann@oslo.kommune.no>"
show avtaleflyt org add 964965226 --role begge --coordinator "Per Hansen <per.hansen@stavanger.kommune.no>"
show avtaleflyt org add 123456785 --role kilde --kind avtalespesialist \
  --name "Psykiater Ravna" --kommunenummer 5501
show avtaleflyt org list
show avtaleflyt audit verify
