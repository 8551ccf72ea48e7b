#!/usr/bin/env bash
# `make test`: every suite. Swift tests of all layers (they start their own PostgreSQL), then the
# browser and API-fuzz suite against a freshly started server.
#   --swift-only / --e2e-only  run one half
set -euo pipefail
cd "$(dirname "$0")/.."

run_swift=true
run_e2e=true
case "${1:-}" in
  --swift-only) run_e2e=false ;;
  --e2e-only) run_swift=false ;;
esac

scripts/ensure-deps.sh --browser
start=$(date +%s)

echo "== Сборка"
scripts/check-layers.py
# The style is swift format's with .swift-format (150 columns); `swift format format -i -r Sources Tests Package.swift` applies it.
swift format lint --strict -r Sources Tests Package.swift
swift build --build-tests

if $run_swift; then
  echo "== Swift: тесты всех слоёв"
  swift test --skip-build
fi

if $run_e2e; then
  echo "== E2E: браузер и schemathesis"
  export KONKURS_BIN="$(swift build --show-bin-path)/konkurs"
  Tests/E2E/.venv/bin/python -m pytest Tests/E2E -q
fi

echo "== Все тесты прошли за $(( $(date +%s) - start )) с"
