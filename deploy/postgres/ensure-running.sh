#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the tests (no Docker needed):
#  1. already running: nothing to do;
#  2. installed (Debian's postgresql packages) but stopped: start the cluster;
#  3. not installed and allowed to install (CI=true, or --install): apt-get install postgresql,
#     start it, and trust local TCP connections of the `postgres` role (a throwaway CI host only).
# Exits non-zero, saying why, when none of this works.
set -euo pipefail

HOST=127.0.0.1
PORT=5432
install=false
[[ "${CI:-}" == "true" || "${1:-}" == "--install" ]] && install=true

answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$HOST" -p "$PORT"
  else
    (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
  fi
}

start_cluster() {
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$version" ]] || return 1
  echo "[postgres] starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || return 1
}

wait_until_up() {
  for _ in $(seq 1 30); do
    answers && return 0
    sleep 1
  done
  return 1
}

if answers; then
  echo "[postgres] answering on $HOST:$PORT"
  exit 0
fi

if command -v pg_ctlcluster >/dev/null 2>&1 && start_cluster && wait_until_up; then
  echo "[postgres] started on $HOST:$PORT"
  exit 0
fi

if [[ "$install" == "true" ]] && command -v apt-get >/dev/null 2>&1; then
  echo "[postgres] installing Debian's postgresql"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  # Throwaway CI machine: the tests connect as postgres over TCP without a password.
  sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
  start_cluster && wait_until_up && { echo "[postgres] installed and started"; exit 0; }
fi

echo "[postgres] no PostgreSQL on $HOST:$PORT and none could be started." >&2
echo "[postgres] Set TEST_DATABASE_URL to a server, or run: deploy/postgres/ensure-running.sh --install" >&2
exit 1
