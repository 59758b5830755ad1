#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, `npm install -g` of the tarball into a temporary
# prefix (no dev dependencies, nothing of this checkout on the path), then the installed
# `redis-warden --version` and a headless command against a real redis-server started here
# on a free loopback port. Everything it made goes when it ends. Run by .ci/run after npm test.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rw-package-XXXXXX")
redis_pid=
cleanup() {
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "check-package: $*" >&2
  exit 1
}

# prepack builds dist/ first.
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
[ -f "$tmp/$tarball" ] || fail "npm pack made no tarball"
listing=$(tar -tzf "$tmp/$tarball")
for f in package/dist/cli.cjs package/bin/redis-warden.js package/LICENSE package/README.md package/themes/default.json; do
  grep -qx "$f" <<<"$listing" || fail "$f is not in $tarball"
done
if grep -E '^package/(test|src|bench|scripts|\.ci)/' <<<"$listing"; then fail "$tarball ships the files above"; fi

prefix=$tmp/prefix
# --prefer-offline: the dependencies are in npm's cache after npm ci.
npm_config_prefix=$prefix npm install -g --prefer-offline --no-audit --no-fund --silent "$tmp/$tarball" ||
  fail "npm install -g $tarball failed"
installed=$prefix/lib/node_modules/redis-warden
for dev in vitest typescript esbuild eslint; do
  [ ! -e "$installed/node_modules/$dev" ] || fail "the dev dependency $dev was installed"
done

# From a directory outside the checkout, with its own config/state/cache, so nothing of the
# repository (or the user's profiles) can stand in for what the package lacks.
export XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state XDG_CACHE_HOME=$tmp/cache
export PATH=$prefix/bin:$PATH
unset REDISCLI_AUTH
cd "$tmp"
want=$(node -p "require('$OLDPWD/package.json').version")
got=$(redis-warden --version)
[ "$got" = "$want" ] || fail "redis-warden --version printed '$got', expected '$want'"

port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$tmp" --logfile "$tmp/redis.log" &
redis_pid=$!
for _ in $(seq 50); do
  redis-warden profiles test -p "$port" --timeout 1000 >/dev/null 2>&1 && break
  sleep 0.1
done
json=$(redis-warden acl list -p "$port" --json) || fail "redis-warden acl list against 127.0.0.1:$port failed"
grep -q '"default"' <<<"$json" || fail "acl list --json did not list the default user: $json"
echo "check-package: $tarball installs and runs (redis-warden $got, acl list on 127.0.0.1:$port)"
