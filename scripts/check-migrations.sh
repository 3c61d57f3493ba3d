#!/usr/bin/env bash
# Exits non-zero when the model has changes that no migration covers, for either provider.
# Uses the dotnet-ef local tool from .config/dotnet-tools.json (ADR 0012).
#   scripts/check-migrations.sh [--no-build] [--configuration Debug|Release]
# --no-build uses the existing build of src/Samspil (of the given configuration, Debug by default).
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
configuration=Debug
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    -c|--configuration) configuration="${2:?--configuration needs a value}"; shift ;;
    *) echo "Usage: scripts/check-migrations.sh [--no-build] [--configuration Debug|Release]" >&2; exit 2 ;;
  esac
  shift
done
dotnet tool restore >/dev/null
[ "$build" -eq 0 ] || dotnet build src/Samspil -c "$configuration" -nologo -clp:ErrorsOnly
for provider in Sqlite Postgres; do
  echo "== $provider"
  dotnet ef migrations has-pending-model-changes --no-build --configuration "$configuration" --project src/Samspil --context "${provider}SamspilDbContext"
done
