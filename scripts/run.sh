#!/usr/bin/env bash
# `make run`: builds Konkurs and serves it on the embedded PostgreSQL in ./.konkurs/pgdata.
# Flags and environment variables of `konkurs serve` apply (see README.md), e.g. KONKURS_PORT=9000.
# KONKURS_BIN=path runs an already built konkurs instead of building (a package, the E2E suite).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
if [ -n "${KONKURS_BIN:-}" ]; then
  bin="$KONKURS_BIN"
else
  echo "Сборка (первая сборка занимает несколько минут)…"
  swift build --product konkurs 2>&1 | grep -E "error|warning: unre|Compiling konkurs|Build complete" || true
  bin="$(swift build --show-bin-path)/konkurs"
fi
[ -x "$bin" ] || { echo "Сборка не удалась: запустите swift build --product konkurs, чтобы увидеть ошибки." >&2; exit 1; }
exec "$bin" serve "$@"
