#!/bin/sh
# Switches Klasakkoord to a new release that is already built and installed in a folder of its own.
# Never build in the folder that runs: see docs/deploy.md, "Upgrades".
#
#   sh deploy/upgrade.sh /srv/klasakkoord/releases/<version>
#
# 1. checks the new release is complete; 2. backs up the database (migrations are one-way: this copy
# is the way back); 3. stops the service, points /srv/klasakkoord/current at the new release, starts
# it; 4. waits until it answers /readyz. Phones reconnect by themselves and catch up.
# The defaults below are the guide's layout; each can be set in the environment.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 /srv/klasakkoord/releases/<version>" >&2; exit 2; }
NEW=$(realpath "$1")
BASE=${KLASAKKOORD_BASE:-/srv/klasakkoord}
DATA_DIR=${DATA_DIR:-/var/lib/klasakkoord}
BACKUP_DIR=${BACKUP_DIR:-/var/backups/klasakkoord}
SERVICE_USER=${SERVICE_USER-klasakkoord}
STOP_COMMAND=${STOP_COMMAND:-systemctl stop klasakkoord}
START_COMMAND=${START_COMMAND:-systemctl start klasakkoord}
READY_URL=${READY_URL:-http://127.0.0.1:3000/readyz}

# 1. A complete release: built, with its runtime dependencies (npm ci --omit=dev) and the entry.
for file in build/handler.js server/index.js node_modules/better-sqlite3/package.json lessons; do
	[ -e "$NEW/$file" ] || { echo "upgrade: $NEW/$file is missing; build and install the release first" >&2; exit 1; }
done
PREVIOUS=$(realpath "$BASE/current" 2>/dev/null || true)
[ "$NEW" != "$PREVIOUS" ] || { echo "upgrade: $NEW is already the current release" >&2; exit 1; }

# 2. The backup, as the service's user so the database's files keep their owner; readable by it only.
as_service() { if [ -n "$SERVICE_USER" ] && [ "$(id -u)" = 0 ]; then runuser -u "$SERVICE_USER" -- "$@"; else "$@"; fi; }
BACKUP="$BACKUP_DIR/klasakkoord-before-$(basename "$NEW")-$(date +%Y%m%d-%H%M%S).db"
as_service sh -c 'umask 077 && sqlite3 "$1" ".backup '"'"'$2'"'"'" && chmod 600 "$2"' backup "$DATA_DIR/klasakkoord.db" "$BACKUP"
[ "$(sqlite3 "$BACKUP" 'PRAGMA integrity_check')" = ok ] || { echo "upgrade: the backup $BACKUP failed its check; nothing changed" >&2; exit 1; }
echo "upgrade: backup $BACKUP"

# 3. Stop, switch (an atomic rename of the link), start.
sh -c "$STOP_COMMAND"
ln -sfn "$NEW" "$BASE/current.next"
mv -T "$BASE/current.next" "$BASE/current"
sh -c "$START_COMMAND"

# 4. Ready when the new release reads the database.
for _ in $(seq 1 60); do
	if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$READY_URL"; then
		echo "upgrade: $NEW is running"
		exit 0
	fi
	sleep 1
done
cat >&2 <<HELP
upgrade: $NEW did not answer $READY_URL within 60 s. Its log: journalctl -u klasakkoord
To go back (the new release may have changed the database, so restore the backup too):
  $STOP_COMMAND
  ln -sfn "$PREVIOUS" "$BASE/current"
  rm -f "$DATA_DIR/klasakkoord.db-wal" "$DATA_DIR/klasakkoord.db-shm"
  install -m 600 -o "${SERVICE_USER:-root}" -g "${SERVICE_USER:-root}" "$BACKUP" "$DATA_DIR/klasakkoord.db"
  $START_COMMAND
HELP
exit 1
