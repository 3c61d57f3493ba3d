#!/usr/bin/env bash
# Runs Samspil's whole test suite: unit, integration on SQLite and PostgreSQL, and browser tests.
# On a fresh Debian machine with only the .NET SDK it installs PostgreSQL and Chromium with apt-get,
# starts a throwaway PostgreSQL cluster on a free local port (scripts/with-postgres.sh), and removes it on exit.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "== Installing chromium with apt-get"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

run_suite() {
  set -euo pipefail
  export SAMSPIL_TEST_POSTGRES="$SAMSPIL_PG_CONNECTION"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  local results
  results=$(mktemp -d /tmp/samspil-results.XXXXXX)

  echo "== Restoring the local dotnet tools (dotnet-ef, for the migrations check)"
  dotnet tool restore >/dev/null

  echo "== Building"
  dotnet build Samspil.slnx -c Release -nologo -clp:ErrorsOnly

  echo "== Running the tests (unit, integration on SQLite and PostgreSQL, browser)"
  set +e
  dotnet test Samspil.slnx -c Release --no-build --results-directory "$results" 2>&1 | tee "$results/output.txt"
  local status=${PIPESTATUS[0]}
  set -e

  # One closing line with the totals of every test assembly.
  awk '
    /^(Passed|Failed)!/ {
      for (i = 1; i <= NF; i++) {
        if ($i == "Failed:")  { f += $(i+1) + 0 }
        if ($i == "Passed:")  { p += $(i+1) + 0 }
        if ($i == "Skipped:") { s += $(i+1) + 0 }
      }
      n++
    }
    END {
      printf "\nTest assemblies: %d\n", n
      printf "%d passed, %d failed, %d skipped\n", p, f, s
    }' "$results/output.txt"
  if [ "$(grep -cE '^(Passed|Failed)!' "$results/output.txt")" -lt 3 ]; then
    echo "Expected three test assemblies to report; some did not run." >&2
    status=1
  fi
  return "$status"
}
export -f run_suite

# fsync off: a throwaway cluster for tests needs no durability.
SAMSPIL_PG_OPTIONS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" scripts/with-postgres.sh bash -c run_suite
