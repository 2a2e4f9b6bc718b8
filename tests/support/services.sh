#!/usr/bin/env bash
# The machine set-up of the test suite (`make services`, called by .ci/run): install from
# Debian's packages what is missing (postgresql, mariadb-server, chromium, docker-compose),
# start PostgreSQL and MariaDB on 127.0.0.1 as the tests expect (PostgreSQL: user postgres,
# trust; MariaDB: root without a password) and wait for them. Idempotent: a second run on the
# same machine installs nothing and starts nothing that already answers.
set -euo pipefail

log() { echo "services: $*"; }

missing=()
command -v pg_ctlcluster >/dev/null && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 \
  || missing+=(postgresql)
[ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
command -v chromium >/dev/null || missing+=(chromium)
command -v docker-compose >/dev/null || missing+=(docker-compose)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "missing ${missing[*]} and cannot install (needs root and apt-get); tests that need them skip"
    exit 0
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d 101: packages must not start services on install; we start them below.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi

# --- PostgreSQL: a cluster, trust on loopback, started -----------------------------------
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  ver="$(ls /usr/lib/postgresql | sort -V | tail -1)"
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$ver main"; then
    pg_createcluster "$ver" main >/dev/null
  fi
  hba="/etc/postgresql/$ver/main/pg_hba.conf"
  if ! grep -q '^# mesh-catalog tests' "$hba"; then
    { echo '# mesh-catalog tests: trust on loopback'
      echo 'host all all 127.0.0.1/32 trust'
      echo 'host all all ::1/128 trust'
      cat "$hba"; } > "$hba.new" && mv "$hba.new" "$hba"
    chown postgres:postgres "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start || pg_ctlcluster "$ver" main start
  for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.5; done
  pg_isready -h 127.0.0.1 -p 5432 -q || { log "PostgreSQL did not start"; exit 1; }
fi
log "PostgreSQL answers on 127.0.0.1:5432"

# --- MariaDB: started, root without a password over TCP ---------------------------------
if ! mariadb-admin -h 127.0.0.1 -u root ping >/dev/null 2>&1; then
  if ! mariadb-admin --protocol=socket -u root ping >/dev/null 2>&1; then
    install -d -o mysql -g mysql /run/mysqld
    [ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
    start-stop-daemon --start --oknodo --background --chuid mysql \
      --exec /usr/sbin/mariadbd -- --bind-address=127.0.0.1 --port=3306
    for _ in $(seq 1 60); do mariadb-admin --protocol=socket -u root ping >/dev/null 2>&1 && break; sleep 0.5; done
  fi
  # root@localhost authenticates by unix socket on Debian: let it in over TCP without a password
  mariadb --protocol=socket -u root -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD(''); CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;"
  mariadb-admin -h 127.0.0.1 -u root ping >/dev/null 2>&1 || { log "MariaDB did not start"; exit 1; }
fi
log "MariaDB answers on 127.0.0.1:3306"
