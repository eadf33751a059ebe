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

# The image pipeline P/Invokes libvips.so.42, so the loader must be able to find it.
# ldconfig lives in /sbin, which is not on a normal user's PATH. The output is captured instead
# of piped into `grep -q`: grep would exit early and, under `set -o pipefail`, the SIGPIPE of
# ldconfig would turn "found" into "missing".
have_libvips() {
  local ldconfig cache
  ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
  cache="$("$ldconfig" -p 2>/dev/null || true)"
  [[ $cache == *"libvips.so.42 "* ]]
}

# SQLite is the system library (see src/Clawverse.Storage/SqliteNative.cs): libsqlite3.so.0.
have_libsqlite() {
  local ldconfig cache
  ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
  cache="$("$ldconfig" -p 2>/dev/null || true)"
  [[ $cache == *"libsqlite3.so.0 "* ]]
}

# Tests build fixtures with the `vips` command line tool.
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
# that are missing. Features: libvips, sqlite, vips-cli, postgres, chromium, s3rver (npm, after apt).
ensure_deps() {
  local feature missing=()
  for feature in "$@"; do
    case $feature in
      libvips) have_libvips || missing+=(libvips42) ;;
      sqlite) have_libsqlite || missing+=(libsqlite3-0) ;;
      vips-cli) have_vips_cli || missing+=(libvips-tools) ;;
      postgres) have_postgres || missing+=(postgresql) ;;
      # Without recommends there would be no fonts at all; Liberation gives pages real glyphs.
      chromium) have_chromium || missing+=(chromium fonts-liberation) ;;
      s3rver) have_node || missing+=(nodejs npm) ;;
      *) die "ensure_deps: unknown feature '$feature'" ;;
    esac
  done
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"

  # Re-check, so a package that installs but does not provide what we look for fails here,
  # loudly, instead of as an obscure DllNotFoundException in the middle of the tests.
  for feature in "$@"; do
    case $feature in
      libvips) have_libvips || die "libvips42 installed but libvips.so.42 is not in the ldconfig cache" ;;
      sqlite) have_libsqlite || die "libsqlite3-0 installed but libsqlite3.so.0 is not in the ldconfig cache" ;;
      vips-cli) have_vips_cli || die "libvips-tools installed but no 'vips' on PATH" ;;
      postgres) have_postgres || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb" ;;
      chromium) have_chromium || die "chromium installed but no 'chromium' on PATH" ;;
      s3rver)
        have_node || die "nodejs and npm installed but no 'node' and 'npm' on PATH"
        have_s3rver || install_s3rver
        have_s3rver || die "npm installed s3rver but $S3RVER_SCRIPT (version $S3RVER_VERSION) is missing"
        ;;
    esac
  done
}
