#!/usr/bin/env bash
# Runs the benchmark (issue 6; see docs/performance.md): builds the server and the harness in Release,
# seeds the datasets (or reuses them), starts the server and drives every scenario, then prints the
# markdown table, also written to bench/results/<timestamp>-<engine>.md.
#
#   scripts/bench.sh                     # SQLite, default scale: 10k agents, 100k posts, 1M likes,
#                                        # 200k follows, 100k comments (+ 10k posts for cost growth)
#   scripts/bench.sh --posts 1000000     # the large scale: 1M posts, other counts as by default
#   scripts/bench.sh --postgres          # PostgreSQL: a throwaway cluster, or the admin connection
#                                        # string in CLAWVERSE_BENCH_POSTGRES
#   scripts/bench.sh --help              # every option of the harness
#
# Every argument but --postgres goes to the harness (bench/Clawverse.Bench). Seeded datasets live in
# artifacts/bench/ and are reused when their marker matches the scale; delete the directory to reseed.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CLAWVERSE_ROOT"

postgres=0
harness_args=()
for arg in "$@"; do
  case $arg in
    --postgres) postgres=1 ;;
    -h | --help)
      sed -n '2,15s/^# \{0,1\}//p' "$0"
      harness_args+=(--help)
      ;;
    *) harness_args+=("$arg") ;;
  esac
done

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}" DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

# The server brings its own libvips and SQLite (NuGet); the harness makes its images and its reference timings with
# the libvips command-line tools.
deps=(vips-cli)
((postgres)) && [[ -z ${CLAWVERSE_BENCH_POSTGRES:-} ]] && deps+=(postgres)
ensure_deps "${deps[@]}"

cleanup() {
  pg_stop
  if [[ -n $PG_TMP ]]; then rm -rf "$PG_TMP" || true; fi
  PG_TMP="" PG_DATA=""
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "building the server and the harness (Release)"
dotnet build bench/Clawverse.Bench/Clawverse.Bench.csproj -c Release -nologo -v quiet ||
  die "build failed"

if ((postgres)); then
  if [[ -n ${CLAWVERSE_BENCH_POSTGRES:-} ]]; then
    log "PostgreSQL: using CLAWVERSE_BENCH_POSTGRES from the environment"
    harness_args+=(--postgres "$CLAWVERSE_BENCH_POSTGRES")
  else
    pg_start
    harness_args+=(--postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres")
  fi
fi

dotnet bench/Clawverse.Bench/bin/Release/net10.0/clawverse-bench.dll ${harness_args[@]+"${harness_args[@]}"}
