#!/usr/bin/env bash
# Runs every test of the solution. This is THE test command: newcomers run it on a fresh
# Debian 12 machine that only has the .NET SDK, and CI runs it via .ci/run.
#
#   scripts/test.sh                      # build once, then phase 1 (SQLite) + phase 2 (PostgreSQL)
#   scripts/test.sh --sqlite-only        # skip phase 2
#   scripts/test.sh -- --filter Name~Foo # everything after `--` goes to `dotnet test`
#
# Phase 1 runs every test project against SQLite, the embedded default (CLAWVERSE_TEST_DB=sqlite), but
# those marked `.postgres-only` (the two-node rig: two server processes, Redis, s3rver, nginx). Phase 2
# runs the projects marked `.engine-dependent` or `.postgres-only` against PostgreSQL. The server is the one
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

deps=(vips-cli chromium redis)
((sqlite_only)) || deps+=(nginx)
((need_local_pg)) && deps+=(postgres)
[[ -z ${CLAWVERSE_TEST_S3_URL:-} ]] && deps+=(s3rver)
ensure_deps "${deps[@]}"

RESULTS="$CLAWVERSE_ROOT/artifacts/test-results"
rm -rf "$RESULTS/sqlite" "$RESULTS/postgres"
mkdir -p "$RESULTS"

fmt_duration() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# The throwaway PostgreSQL cluster (pg_start, pg_stop) comes from lib.sh.

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

# write_slnf FILE PROJECT... — a solution filter: dotnet test takes one target, and a filter keeps several
# projects in one run, so they still build-check and execute in parallel.
write_slnf() {
  local file=$1 sep="" proj
  shift
  {
    printf '{ "solution": { "path": "%s", "projects": [' "$CLAWVERSE_ROOT/Clawverse.sln"
    for proj in "$@"; do
      printf '%s "%s"' "$sep" "$proj"
      sep=","
    done
    printf ' ] } }\n'
  } >"$file"
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

# Projects marked .postgres-only (the two-node rig: several processes on one database) wait for phase 2.
sqlite_projects=()
for proj in tests/*/*.csproj; do
  [[ -f $(dirname "$proj")/.postgres-only ]] || sqlite_projects+=("$proj")
done
log "phase 1: ${#sqlite_projects[@]} test projects on SQLite"
started=$SECONDS
phase_rc[sqlite]=0
write_slnf "$RESULTS/sqlite.slnf" "${sqlite_projects[@]}"
run_tests sqlite "$RESULTS/sqlite.slnf" || phase_rc[sqlite]=$?
rm -f "$RESULTS/sqlite.slnf"
phase_secs[sqlite]=$((SECONDS - started))
log "phase 1 (sqlite) took $(fmt_duration "${phase_secs[sqlite]}")"

# --- phase 2: PostgreSQL ----------------------------------------------------------------------

if ((sqlite_only)); then
  log "phase 2 (postgres) skipped: --sqlite-only"
else
  engine_projects=()
  for marker in tests/*/.engine-dependent tests/*/.postgres-only; do
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

    if ((${#engine_projects[@]} == 1)); then
      target="${engine_projects[0]}"
    else
      target="$RESULTS/engine-dependent.slnf"
      write_slnf "$target" "${engine_projects[@]}"
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
