#!/usr/bin/env bash
# Runs every test of the solution. This is THE test command: newcomers run it on a fresh
# Debian 12 machine that only has the .NET SDK, and CI runs it via .ci/run.
#
#   scripts/test.sh                      # build once, then phase 1 (SQLite) + phase 2 (PostgreSQL)
#   scripts/test.sh --sqlite-only        # skip phase 2
#   scripts/test.sh -- --filter Name~Foo # everything after `--` goes to `dotnet test`
#
# Phase 1 runs the whole solution against SQLite, the embedded default (CLAWVERSE_TEST_DB=sqlite).
# Phase 2 runs the test projects marked engine-dependent (a file named `.engine-dependent` in the
# project directory) again against PostgreSQL (CLAWVERSE_TEST_DB=postgres). The server is the one
# CLAWVERSE_TEST_POSTGRES points to if it is set (an admin connection string: tests create their
# own databases); otherwise a throwaway cluster is started on a free loopback port and removed at
# exit, whatever happens. Likewise for S3: the blob tests use CLAWVERSE_TEST_S3_URL if set, otherwise
# an s3rver (npm, in .tools/) is started on a free loopback port before phase 1 and stopped at exit.
#
# TRX files land in artifacts/test-results/<phase>/<TestProject>.trx. The last line of output is
# always `tests: N passed, M failed, K skipped`, totalled over both phases from those TRX files.
# Exit status is non-zero if a test failed, a dotnet command failed, or no test ran at all.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CLAWVERSE_ROOT"

usage() { sed -n '2,19s/^# \{0,1\}//p' "$0"; }

sqlite_only=0
dotnet_test_extra=()
while (($# > 0)); do
  case $1 in
    --sqlite-only) sqlite_only=1 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; dotnet_test_extra=("$@"); break ;;
    *) usage >&2; die "unknown argument '$1' (pass dotnet test arguments after --)" ;;
  esac
  shift
done

# Phase 2 needs local PostgreSQL binaries only when it must start its own cluster.
need_local_pg=0
if ((!sqlite_only)) && [[ -z ${CLAWVERSE_TEST_POSTGRES:-} ]]; then need_local_pg=1; fi

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}" DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

deps=(libvips sqlite vips-cli chromium)
((need_local_pg)) && deps+=(postgres)
[[ -z ${CLAWVERSE_TEST_S3_URL:-} ]] && deps+=(s3rver)
ensure_deps "${deps[@]}"

RESULTS="$CLAWVERSE_ROOT/artifacts/test-results"
rm -rf "$RESULTS/sqlite" "$RESULTS/postgres"
mkdir -p "$RESULTS"

fmt_duration() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# --- throwaway PostgreSQL cluster -------------------------------------------------------------

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

# --- throwaway s3rver -------------------------------------------------------------------------

S3_TMP="" S3_PID="" S3_PORT=""

s3_stop() {
  if [[ -n $S3_PID ]]; then
    kill "$S3_PID" 2>/dev/null || true
    wait "$S3_PID" 2>/dev/null || true
  fi
  if [[ -n $S3_TMP ]]; then rm -rf "$S3_TMP" || true; fi
  S3_PID="" S3_TMP=""
}

# First free port from 54568 on (s3rver's default is 4568), as for PostgreSQL. s3rver encrypts list
# continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider, hence the node flag.
s3_start() {
  S3_TMP="$(mktemp -d "${TMPDIR:-/tmp}/clawverse-s3rver.XXXXXX")"
  mkdir -p "$S3_TMP/data"
  local port i
  for ((port = 54568; port < 54668; port++)); do
    if (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null; then continue; fi
    node --openssl-legacy-provider "$S3RVER_SCRIPT" --silent --address 127.0.0.1 --port "$port" \
      --directory "$S3_TMP/data" >"$S3_TMP/server.log" 2>&1 &
    S3_PID=$!
    for ((i = 0; i < 150; i++)); do
      if (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
        S3_PORT=$port
        break 2
      fi
      kill -0 "$S3_PID" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$S3_PID" 2>/dev/null; then
      cat "$S3_TMP/server.log" >&2
      die "s3rver does not answer on port $port"
    fi
    wait "$S3_PID" 2>/dev/null || true
    S3_PID=""
    grep -q EADDRINUSE "$S3_TMP/server.log" && continue
    cat "$S3_TMP/server.log" >&2
    die "s3rver did not start"
  done
  [[ -n $S3_PORT ]] || die "no free port for s3rver in 54568-54667"
  export CLAWVERSE_TEST_S3_URL="http://127.0.0.1:$S3_PORT"
  export CLAWVERSE_TEST_S3_ACCESS_KEY=S3RVER CLAWVERSE_TEST_S3_SECRET_KEY=S3RVER
  log "s3rver $S3RVER_VERSION: throwaway server in $S3_TMP/data, listening on 127.0.0.1:$S3_PORT"
}

# Safe to call more than once, and from the EXIT trap: nothing in here may fail.
cleanup() {
  s3_stop
  pg_stop
  if [[ -n $PG_TMP ]]; then rm -rf "$PG_TMP" || true; fi
  PG_TMP="" PG_DATA=""
}
# EXIT covers normal ends and `set -e` failures; INT/TERM are turned into an exit so that the
# EXIT trap runs on Ctrl-C or when CI cancels the job.
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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

  # Durability is worthless for a throwaway test database; turning it off makes the many
  # CREATE DATABASE / DDL-heavy test fixtures much faster. Connection headroom for parallel
  # test classes, each with its own pool.
  as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null <<EOF

# --- added by scripts/test.sh (throwaway test cluster) ---
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

# --- running tests ----------------------------------------------------------------------------

# Every TRX gets a fixed name (<phase>.trx) inside its project's own TestResults directory and is
# then moved to artifacts/test-results/<phase>/<Project>.trx. (With one shared results directory,
# the trx logger names files by a per-second timestamp, and projects that run in parallel and end
# in the same second can overwrite each other's file.)
clear_trx() { rm -f tests/*/TestResults/"$1".trx; }
collect_trx() {
  local phase=$1 trx project
  mkdir -p "$RESULTS/$phase"
  for trx in tests/*/TestResults/"$phase".trx; do
    [[ -f $trx ]] || continue
    project="$(basename "$(dirname "$(dirname "$trx")")")"
    mv "$trx" "$RESULTS/$phase/$project.trx"
    rmdir --ignore-fail-on-non-empty "$(dirname "$trx")" # leave no empty TestResults/ behind
  done
}

# run_tests PHASE TARGET — `dotnet test` on a solution, solution filter or project.
# Returns dotnet's exit status without tripping `set -e`.
run_tests() {
  local phase=$1 target=$2 rc=0
  clear_trx "$phase"
  CLAWVERSE_TEST_DB=$phase dotnet test "$target" --no-build -c Release \
    --logger "trx;LogFileName=$phase.trx" \
    --logger "console;verbosity=minimal" \
    ${dotnet_test_extra[@]+"${dotnet_test_extra[@]}"} || rc=$?
  collect_trx "$phase"
  return "$rc"
}

# trx_counts FILE... — prints "passed failed skipped total" summed over the TRX files'
# <Counters .../> elements. failed includes error/timeout/aborted; skipped is everything else
# that did not pass (xUnit's skipped tests are "notExecuted").
trx_counts() {
  (($# > 0)) || { echo "0 0 0 0"; return; }
  awk '
    /<Counters / {
      n = split("total passed failed error timeout aborted", keys, " ")
      for (i = 1; i <= n; i++) {
        if (match($0, " " keys[i] "=\"[0-9]+\"")) {
          s = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); c[keys[i]] += s
        }
      }
    }
    END {
      f = c["failed"] + c["error"] + c["timeout"] + c["aborted"]; p = c["passed"] + 0
      s = c["total"] - p - f; if (s < 0) s = 0
      printf "%d %d %d %d\n", p, f, s, c["total"]
    }' "$@"
}

# --- build ------------------------------------------------------------------------------------

started=$SECONDS
log "building Clawverse.sln (Release)"
if ! dotnet build Clawverse.sln -c Release -nologo -v minimal; then
  echo "build FAILED"
  echo "tests: 0 passed, 0 failed, 0 skipped"
  exit 1
fi
build_secs=$((SECONDS - started))
log "build took $(fmt_duration "$build_secs")"

# --- S3 for the blob tests (both phases) -------------------------------------------------------

if [[ -z ${CLAWVERSE_TEST_S3_URL:-} ]]; then
  s3_start
else
  log "S3: using CLAWVERSE_TEST_S3_URL from the environment"
fi

# --- phase 1: SQLite --------------------------------------------------------------------------

phases=(sqlite)
declare -A phase_rc=() phase_secs=() phase_note=()

log "phase 1: all test projects on SQLite"
started=$SECONDS
phase_rc[sqlite]=0
run_tests sqlite Clawverse.sln || phase_rc[sqlite]=$?
phase_secs[sqlite]=$((SECONDS - started))
log "phase 1 (sqlite) took $(fmt_duration "${phase_secs[sqlite]}")"

# --- phase 2: PostgreSQL ----------------------------------------------------------------------

if ((sqlite_only)); then
  log "phase 2 (postgres) skipped: --sqlite-only"
else
  engine_projects=()
  for marker in tests/*/.engine-dependent; do
    [[ -f $marker ]] || continue
    for proj in "$(dirname "$marker")"/*.csproj; do
      [[ -f $proj ]] && engine_projects+=("$proj")
    done
  done

  if ((${#engine_projects[@]} == 0)); then
    log "phase 2 (postgres) skipped: no test project has a .engine-dependent marker"
  else
    phases+=(postgres)
    log "phase 2: ${#engine_projects[@]} engine-dependent project(s) on PostgreSQL"
    started=$SECONDS
    phase_rc[postgres]=0
    if [[ -n ${CLAWVERSE_TEST_POSTGRES:-} ]]; then
      log "PostgreSQL: using CLAWVERSE_TEST_POSTGRES from the environment"
      phase_note[postgres]=" (server from CLAWVERSE_TEST_POSTGRES)"
    else
      pg_start
      export CLAWVERSE_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
      phase_note[postgres]=" (throwaway cluster, port $PG_PORT)"
    fi

    # dotnet test takes one target. For several projects a solution filter keeps them in one
    # run, so they still build-check and execute in parallel like phase 1.
    if ((${#engine_projects[@]} == 1)); then
      target="${engine_projects[0]}"
    else
      target="$RESULTS/engine-dependent.slnf"
      {
        printf '{ "solution": { "path": "%s", "projects": [' "$CLAWVERSE_ROOT/Clawverse.sln"
        sep=""
        for proj in "${engine_projects[@]}"; do
          printf '%s "%s"' "$sep" "$proj"
          sep=","
        done
        printf ' ] } }\n'
      } >"$target"
    fi

    run_tests postgres "$target" || phase_rc[postgres]=$?
    [[ $target == *.slnf ]] && rm -f "$target"

    # Stop the cluster now rather than in the EXIT trap, so that nothing is printed after the
    # summary line. (The trap stays armed for the failure and Ctrl-C paths.)
    if [[ -n $PG_DATA ]]; then
      cleanup
      log "PostgreSQL: throwaway cluster stopped and removed"
    fi
    phase_secs[postgres]=$((SECONDS - started))
    log "phase 2 (postgres) took $(fmt_duration "${phase_secs[postgres]}")"
  fi
fi

# --- summary ----------------------------------------------------------------------------------

total_passed=0 total_failed=0 total_skipped=0 total_run=0 exit_code=0
echo
echo "Summary (TRX files in ${RESULTS#"$CLAWVERSE_ROOT"/}/):"
printf '  %-8s %s\n' build "ok, $(fmt_duration "$build_secs")"
for phase in "${phases[@]}"; do
  trx_files=()
  for f in "$RESULTS/$phase"/*.trx; do [[ -f $f ]] && trx_files+=("$f"); done
  read -r p f s t < <(trx_counts ${trx_files[@]+"${trx_files[@]}"})
  status="ok"
  if ((phase_rc[$phase] != 0)); then
    status="FAILED (dotnet test exited ${phase_rc[$phase]})"
    exit_code=1
  elif ((f > 0)); then
    status="FAILED"
    exit_code=1
  fi
  printf '  %-8s %d passed, %d failed, %d skipped in %d project(s), %s%s — %s\n' \
    "$phase" "$p" "$f" "$s" "${#trx_files[@]}" "$(fmt_duration "${phase_secs[$phase]}")" \
    "${phase_note[$phase]:-}" "$status"
  total_passed=$((total_passed + p)) total_failed=$((total_failed + f))
  total_skipped=$((total_skipped + s)) total_run=$((total_run + t))
done
if ((total_run == 0)); then
  echo "  no test ran at all — that counts as a failure"
  exit_code=1
fi
echo "tests: $total_passed passed, $total_failed failed, $total_skipped skipped"
exit "$exit_code"
