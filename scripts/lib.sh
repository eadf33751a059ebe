# shellcheck shell=bash
# Shared helpers for scripts/test.sh and scripts/run.sh. Source it; do not run it.
#
# The one job here: make sure the native/system pieces the solution needs are present on a
# stock Debian 12 machine that only has the .NET SDK, installing what is missing with apt-get.
# Every check is cheap (no apt calls) so that the common case — everything already present —
# costs milliseconds and needs no root.

# Repository root: the parent of the directory holding this file. (Used by the sourcing scripts.)
# shellcheck disable=SC2034
CLAWVERSE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# --- presence checks (no side effects) -------------------------------------------------------

# Tests build their input images, and the bench its reference timings, with the `vips` command
# line tool (Debian's libvips, independent of the libvips the server bundles through NetVips).
have_vips_cli() { command -v vips >/dev/null 2>&1; }

# Debian installs server binaries per major version in /usr/lib/postgresql/<major>/bin, off the
# PATH. Prints the newest such directory that has everything we use; CLAWVERSE_PG_BIN overrides
# (e.g. for a non-Debian install).
pg_bin_dir() {
  local dir candidates=()
  if [[ -n ${CLAWVERSE_PG_BIN:-} ]]; then
    candidates=("$CLAWVERSE_PG_BIN")
  else
    # Version-sorted, newest last; the glob stays literal if nothing matches (checked below).
    mapfile -t candidates < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r)
  fi
  for dir in "${candidates[@]}"; do
    if [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/pg_isready && -x $dir/psql ]]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done
  return 1
}
have_postgres() { pg_bin_dir >/dev/null; }

# Browser tests drive a headless Chromium.
have_chromium() { command -v chromium >/dev/null 2>&1; }

# The shared-state tests and the two-node rig start their own redis-server; the rig balances through nginx.
have_redis() { command -v redis-server >/dev/null 2>&1; }
have_nginx() { command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]]; }

# The S3 blob tests run against s3rver (npm), pinned, installed into the git-ignored .tools/ with
# the machine's Node.js. A package.json there records it, so later tools can join without npm
# pruning it as extraneous.
S3RVER_VERSION=3.7.1
CLAWVERSE_TOOLS="$CLAWVERSE_ROOT/.tools"
S3RVER_SCRIPT="$CLAWVERSE_TOOLS/node_modules/s3rver/bin/s3rver.js"
have_node() { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; }
have_s3rver() {
  local manifest="$CLAWVERSE_TOOLS/node_modules/s3rver/package.json"
  [[ -f $S3RVER_SCRIPT && -f $manifest && "$(<"$manifest")" == *"\"version\": \"$S3RVER_VERSION\""* ]]
}
install_s3rver() {
  local npmlog
  npmlog="$(mktemp "${TMPDIR:-/tmp}/clawverse-npm.XXXXXX")"
  log "installing s3rver $S3RVER_VERSION into .tools/ (npm)"
  mkdir -p "$CLAWVERSE_TOOLS"
  if ! npm install --prefix "$CLAWVERSE_TOOLS" --save-exact --no-audit --no-fund --loglevel=error \
    "s3rver@$S3RVER_VERSION" >"$npmlog" 2>&1; then
    cat "$npmlog" >&2
    rm -f "$npmlog"
    die "npm install s3rver@$S3RVER_VERSION failed"
  fi
  rm -f "$npmlog"
}

# --- installation ----------------------------------------------------------------------------

_CLAWVERSE_APT_UPDATED=""

# apt_install PKG... — install packages non-interactively, quietly, as root.
# `apt-get update` runs at most once per script run, and only when something is missing.
# --no-install-recommends keeps e.g. chromium from dragging in systemd, avahi, cups and perl
# (~130 packages instead of ~25). apt's chatter goes to a log that is shown only on failure.
apt_install() {
  (($# > 0)) || return 0
  if ((EUID != 0)); then
    printf 'error: missing system packages: %s\n' "$*" >&2
    printf '       Install them once as root, then re-run:\n' >&2
    printf '         sudo apt-get update && sudo apt-get install -y --no-install-recommends %s\n' "$*" >&2
    exit 1
  fi
  command -v apt-get >/dev/null 2>&1 ||
    die "missing system packages ($*) and no apt-get here: install them by hand"

  local aptlog
  aptlog="$(mktemp "${TMPDIR:-/tmp}/clawverse-apt.XXXXXX")"
  log "installing missing system packages: $*"
  if [[ -z $_CLAWVERSE_APT_UPDATED ]]; then
    if ! apt-get update -qq >"$aptlog" 2>&1; then
      cat "$aptlog" >&2
      rm -f "$aptlog"
      die "apt-get update failed"
    fi
    _CLAWVERSE_APT_UPDATED=1
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Use-Pty=0 "$@" >"$aptlog" 2>&1; then
    tail -n 40 "$aptlog" >&2
    rm -f "$aptlog"
    die "apt-get install $* failed"
  fi
  rm -f "$aptlog"
}

# ensure_deps FEATURE... — make sure each feature is available, with one apt-get run for all
# that are missing. Features: vips-cli, postgres, chromium, redis, nginx, s3rver (npm, after apt).
ensure_deps() {
  local feature missing=()
  for feature in "$@"; do
    case $feature in
      vips-cli) have_vips_cli || missing+=(libvips-tools) ;;
      postgres) have_postgres || missing+=(postgresql) ;;
      # Without recommends there would be no fonts at all; Liberation gives pages real glyphs.
      chromium) have_chromium || missing+=(chromium fonts-liberation) ;;
      s3rver) have_node || missing+=(nodejs npm) ;;
      redis) have_redis || missing+=(redis-server) ;;
      nginx) have_nginx || missing+=(nginx) ;;
      *) die "ensure_deps: unknown feature '$feature'" ;;
    esac
  done
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"

  # Re-check, so a package that installs but does not provide what we look for fails here,
  # loudly, instead of as an obscure failure in the middle of the tests.
  for feature in "$@"; do
    case $feature in
      vips-cli) have_vips_cli || die "libvips-tools installed but no 'vips' on PATH" ;;
      postgres) have_postgres || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb" ;;
      chromium) have_chromium || die "chromium installed but no 'chromium' on PATH" ;;
      redis) have_redis || die "redis-server installed but not on PATH" ;;
      nginx) have_nginx || die "nginx installed but not found" ;;
      s3rver)
        have_node || die "nodejs and npm installed but no 'node' and 'npm' on PATH"
        have_s3rver || install_s3rver
        have_s3rver || die "npm installed s3rver but $S3RVER_SCRIPT (version $S3RVER_VERSION) is missing"
        ;;
    esac
  done
}

# --- throwaway PostgreSQL cluster (scripts/test.sh, scripts/bench.sh) -------------------------
# pg_start initdb's a cluster in a fresh /tmp directory and starts it on the first free loopback
# port from 55432, setting PG_BIN, PG_TMP, PG_DATA and PG_PORT. pg_stop stops it; the caller removes
# PG_TMP (normally from an EXIT trap, so that Ctrl-C and failures clean up too).

PG_TMP="" PG_DATA="" PG_BIN="" PG_PORT=""

# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` system
# user (created by Debian's postgresql package); as anyone else it simply runs as that user.
# The subshell cds into the cluster's temp dir because the postgres user may not be allowed to
# enter the caller's working directory (initdb and pg_ctl complain about that).
as_pg() {
  if ((EUID == 0)); then
    (cd "$PG_TMP" && runuser -u postgres -- "$@")
  else
    (cd "$PG_TMP" && "$@")
  fi
}

pg_stop() {
  [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]] || return 0
  # fast = roll back open transactions and disconnect clients; still waits for a clean exit.
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 ||
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
  # Last resort: SIGKILL the postmaster we started (its pid is the first line of postmaster.pid).
  if [[ -f $PG_DATA/postmaster.pid ]]; then
    local pid
    pid="$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
    if [[ $pid =~ ^[0-9]+$ ]]; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
}

pg_start() {
  PG_BIN="$(pg_bin_dir)" || die "no PostgreSQL binaries found"

  # A fresh directory in /tmp (world-traversable, so the postgres user can reach it).
  PG_TMP="$(mktemp -d /tmp/clawverse-pg.XXXXXX)"
  ((EUID == 0)) && chown postgres:postgres "$PG_TMP"
  PG_DATA="$PG_TMP/data"
  mkdir -p "$PG_TMP/sock" && ((EUID == 0)) && chown postgres:postgres "$PG_TMP/sock"

  # trust auth is fine: the server listens on 127.0.0.1 only (and on a socket inside a 0700
  # directory), and the cluster is gone when this script ends. C locale: no locale packages needed.
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --locale=C \
    --no-sync --no-instructions >"$PG_TMP/initdb.log" 2>&1 || {
    cat "$PG_TMP/initdb.log" >&2
    die "initdb failed"
  }

  # Durability is worthless for a throwaway database; turning it off makes the many
  # CREATE DATABASE / DDL-heavy test fixtures (and bulk seeding) much faster. Connection headroom for parallel
  # test classes, each with its own pool.
  as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null <<EOF

# --- added by pg_start in scripts/lib.sh (throwaway cluster) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_TMP/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF

  # First free port from 55432 on. A port is skipped if something answers there; starting can
  # still lose a race (or hit a port bound without listening), so a bind failure moves on too.
  local port
  for ((port = 55432; port < 55532; port++)); do
    if (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null; then continue; fi
    : >"$PG_TMP/server.log"
    ((EUID == 0)) && chown postgres:postgres "$PG_TMP/server.log"
    if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_TMP/server.log" -o "-p $port" -w -t 60 start \
      >/dev/null 2>&1; then
      PG_PORT=$port
      break
    fi
    if grep -qiE 'could not bind|address already in use|could not create any TCP/IP sockets' \
      "$PG_TMP/server.log"; then
      continue
    fi
    cat "$PG_TMP/server.log" >&2
    die "PostgreSQL did not start"
  done
  [[ -n $PG_PORT ]] || die "no free port for PostgreSQL in 55432-55531"

  # pg_ctl -w already waited; pg_isready double-checks that TCP connections are accepted.
  local i
  for ((i = 0; i < 30; i++)); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 1 && break
    sleep 1
  done
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 1 || {
    cat "$PG_TMP/server.log" >&2
    die "PostgreSQL on port $PG_PORT does not answer"
  }
  log "PostgreSQL: $("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -XAtqc 'select version()')"
  log "PostgreSQL: throwaway cluster in $PG_DATA, listening on 127.0.0.1:$PG_PORT"
}
