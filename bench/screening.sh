#!/usr/bin/env bash
# The readmission-screening benchmark (issue 7; not part of the test command): starts a throwaway
# PostgreSQL, generates synthetic admissions (default 10 million over 1.5 million people), loads
# them with binary COPY, checks that Samspil and the PostgreSQL window-function query agree, and
# times both. Exits 1 if their results differ. Everything runs under nice -n 19 (PostgreSQL
# included, so both sides get the same priority on a shared machine).
#   bench/screening.sh [--people N] [--admissions M] [--runs R] [--top T] [--seed S] [--no-verify]
set -euo pipefail
cd "$(dirname "$0")/.."
nice -n 19 dotnet build -c Release bench/Samspil.Benchmarks -v quiet -nologo
exec nice -n 19 scripts/with-postgres.sh dotnet run -c Release --no-build --project bench/Samspil.Benchmarks -- screening "$@"
