#!/usr/bin/env bash
# Runs the benchmarks (not part of the test command): starts a throwaway PostgreSQL (durable
# settings, fsync on) so both providers are measured in the same run, then BenchmarkDotNet.
#   bench/run.sh [BenchmarkDotNet args, default: --filter '*']
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--filter '*')
exec scripts/with-postgres.sh dotnet run -c Release --project bench/Samspil.Benchmarks -- "${args[@]}"
