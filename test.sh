#!/usr/bin/env bash
# Runs Samspil's whole test suite: unit, integration on SQLite and PostgreSQL, and browser tests.
# On a fresh Debian machine with only the .NET SDK it installs PostgreSQL and Chromium with apt-get,
# starts a throwaway PostgreSQL cluster on a free local port (scripts/with-postgres.sh), and removes it on exit.
# It builds once (Release, while PostgreSQL starts), then runs the three test assemblies from that build (--no-build), side by
# side; the closing lines give each assembly's counts and time, and the last line the totals.
set -euo pipefail
cd "$(dirname "$0")"

# The browser tests drive Debian's chromium-headless-shell (Chromium without the full browser's user interface: a fifth
# less CPU per journey than the full chromium package, docs/benchmarks.md).
if [ ! -x /usr/bin/chromium-headless-shell ]; then
  echo "== Installing chromium-headless-shell with apt-get"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null
fi

run_suite() {
  set -euo pipefail
  export SAMSPIL_TEST_POSTGRES="$SAMSPIL_PG_CONNECTION"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  local results
  results=$(mktemp -d /tmp/samspil-results.XXXXXX)
  # shellcheck disable=SC2064 # expand now: the folder of this run
  trap "rm -rf '$results'" EXIT

  # The build started before PostgreSQL (below, outside this function): wait for it here and show its output.
  echo "== Building (Release, once; started beside PostgreSQL's start)"
  tail --pid="$SAMSPIL_BUILD_PID" -f /dev/null
  cat "$SAMSPIL_BUILD_LOG"
  [ "$(cat "$SAMSPIL_BUILD_RC")" -eq 0 ] || return 1
  local started=$SAMSPIL_STARTED built
  built=$(date +%s)

  # The three assemblies start together, the longest (integration) first. `dotnet test` on the solution ran
  # only as many at once as there are cores (two here), so the integration tests could wait minutes for
  # the unit tests to finish. Each assembly's output is printed once it is done, the shortest first.
  echo "== Running the tests (integration on SQLite and PostgreSQL, browser and unit, side by side)"
  set +e
  local -A pids=()
  local project rc status=0
  for project in Samspil.IntegrationTests Samspil.BrowserTests Samspil.Domain.Tests; do
    dotnet test "tests/$project" -c Release --no-build --results-directory "$results" >"$results/$project.txt" 2>&1 &
    pids[$project]=$!
  done
  : >"$results/output.txt"
  for project in Samspil.Domain.Tests Samspil.BrowserTests Samspil.IntegrationTests; do
    wait "${pids[$project]}"
    rc=$?
    [ "$rc" -eq 0 ] || status=$rc
    tee -a "$results/output.txt" <"$results/$project.txt"
  done
  set -e
  local tested
  tested=$(date +%s)

  # Each assembly's counts and time (as its runner reports it), then the wall times, then one
  # closing line with the totals of every test assembly (CI reads that last line).
  awk -v build="$((built - started))" -v tests="$((tested - built))" '
    function clock(s) { return sprintf("%d m %02d s", int(s / 60), s % 60) }
    /^(Passed|Failed)!/ {
      f1 = 0; p1 = 0; s1 = 0
      for (i = 1; i <= NF; i++) {
        if ($i == "Failed:")  { f1 = $(i+1) + 0 }
        if ($i == "Passed:")  { p1 = $(i+1) + 0 }
        if ($i == "Skipped:") { s1 = $(i+1) + 0 }
      }
      line = $0
      name = line; sub(/^.* - /, "", name); sub(/ \(.*$/, "", name); sub(/\.dll$/, "", name)
      took = line; sub(/^.*Duration: /, "", took); sub(/ - .*$/, "", took)
      rows[++n] = sprintf("  %-28s %5d passed, %d failed, %d skipped  in %s", name, p1, f1, s1, took)
      p += p1; f += f1; s += s1
    }
    END {
      printf "\nTest assemblies: %d\n", n
      for (i = 1; i <= n; i++) print rows[i]
      printf "Wall time: build %s, tests %s, total %s\n", clock(build), clock(tests), clock(build + tests)
      printf "%d passed, %d failed, %d skipped\n", p, f, s
    }' "$results/output.txt"
  if [ "$(grep -cE '^(Passed|Failed)!' "$results/output.txt")" -lt 3 ]; then
    echo "Expected three test assemblies to report; some did not run." >&2
    status=1
  fi
  return "$status"
}
export -f run_suite

# The tool restore and the build run while PostgreSQL is set up and started (initdb alone takes seconds);
# run_suite waits for the build; the build's time it prints includes PostgreSQL's start.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SAMSPIL_BUILD_LOG=$(mktemp /tmp/samspil-build.XXXXXX)
SAMSPIL_BUILD_RC=$(mktemp /tmp/samspil-build-rc.XXXXXX)
# shellcheck disable=SC2064 # expand now: this run's files
trap "rm -f '$SAMSPIL_BUILD_LOG' '$SAMSPIL_BUILD_RC'" EXIT
echo "== Restoring the local dotnet tools (dotnet-ef, for the migrations check) and building (Release, once)"
SAMSPIL_STARTED=$(date +%s)
(
  set +e
  dotnet tool restore >/dev/null && dotnet build Samspil.slnx -c Release -nologo -clp:ErrorsOnly
  echo $? >"$SAMSPIL_BUILD_RC"
) >"$SAMSPIL_BUILD_LOG" 2>&1 &
SAMSPIL_BUILD_PID=$!
export SAMSPIL_BUILD_PID SAMSPIL_BUILD_LOG SAMSPIL_BUILD_RC SAMSPIL_STARTED

# fsync off: a throwaway cluster for tests needs no durability.
SAMSPIL_PG_OPTIONS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" scripts/with-postgres.sh bash -c run_suite
