#!/usr/bin/env bash
# `npm run test:next-year`: the whole `npm test` with the wall clock of every process (Node,
# PostgreSQL, PgBouncer, Chromium) 365 days ahead, to prove that no test has today's date in it.
set -euo pipefail
command -v gcc >/dev/null || { echo "the year-ahead run compiles its clock shim: apt-get install -y gcc" >&2; exit 1; }
shim_dir=$(mktemp -d /tmp/vigil-shift-clock-XXXXXX)
trap 'rm -rf "$shim_dir"' EXIT
gcc -shared -fPIC -O2 -Wall -Wextra -Werror -o "$shim_dir/shift-clock.so" "$(dirname "$0")/shift-clock.c" -ldl
# PostgreSQL runs as the user "postgres" when the suite runs as root: it must be able to load the shim.
chmod 755 "$shim_dir" "$shim_dir/shift-clock.so"
export VIGIL_CLOCK_OFFSET_SECONDS=$((365 * 24 * 3600))
LD_PRELOAD="$shim_dir/shift-clock.so" node -e 'console.log(`clock moved to ${new Date().toISOString()}`)'
LD_PRELOAD="$shim_dir/shift-clock.so" npm test
