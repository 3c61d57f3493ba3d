#!/usr/bin/env bash
# The offerings-search benchmark (issue 18; not part of the test command): starts a throwaway PostgreSQL, seeds
# 100,000 synthetic offerings in SQLite and in PostgreSQL, and times typical searches against the obvious alternatives.
#   bench/offerings.sh [--offerings N] [--runs R] [--naive-runs K] [--seed S]
set -euo pipefail
cd "$(dirname "$0")/.."
nice -n 19 dotnet build -c Release bench/Samspil.Benchmarks -v quiet -nologo
exec nice -n 19 scripts/with-postgres.sh dotnet run -c Release --no-build --project bench/Samspil.Benchmarks -- offerings "$@"
