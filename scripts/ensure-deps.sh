#!/usr/bin/env bash
# Installs what Konkurs needs on a Debian machine, or says exactly what to install.
#   scripts/ensure-deps.sh            PostgreSQL server programs and the Swift toolchain check
#   scripts/ensure-deps.sh --browser  also chromium, chromium-driver and the Python test environment
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

missing=()
have_postgres() { command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }
have_postgres || missing+=(postgresql)
# As root the embedded cluster runs as the postgres user; setfacl grants it passage to a data folder
# under a private parent (a clone in /root) without opening that parent to anyone else.
if [ "$(id -u)" = 0 ]; then command -v setfacl >/dev/null 2>&1 || missing+=(acl); fi
if $want_browser; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
  # Checks docker-compose.yml (`docker-compose config`); no Docker engine is needed for that.
  command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
  # Runs deploy/nginx/konkurs.conf in front of two instances (test_two_instances.py).
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Устанавливаю: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Не хватает пакетов: ${missing[*]}. Установите их: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "Не найден Swift 6 (команда swift). Установите набор Swift 6.x и добавьте его в PATH." >&2
  exit 1
fi

if $want_browser; then
  venv=Tests/E2E/.venv
  stamp="$venv/.requirements.sha256"
  want=$(sha256sum Tests/E2E/requirements.txt | cut -d' ' -f1)
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "Готовлю окружение Python для браузерных тестов ($venv)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/E2E/requirements.txt
    echo "$want" > "$stamp"
  fi
fi
