#!/usr/bin/env bash
# Runs the Clawverse host from source (Release build), e.g.
#
#   scripts/run.sh                                            # app defaults: 127.0.0.1:8080, ./data
#   scripts/run.sh --urls http://127.0.0.1:8080 --data-dir ./data
#
# All arguments go to the app.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"

# Nothing to install: libvips (NetVips.Native) and SQLite (e_sqlite3) come with the NuGet packages.

# `dotnet run` starts the app in the project directory (src/Clawverse.Host) by default, which
# would put the default ./data — database and secret.key — inside the source tree, where git does
# not ignore it. RunWorkingDirectory keeps the caller's directory, so ./data and any relative
# --data-dir mean what they look like (from the repo root: ./data, which .gitignore covers).
exec dotnet run --project "$CLAWVERSE_ROOT/src/Clawverse.Host" -c Release \
  -p:RunWorkingDirectory="$PWD" -- "$@"
