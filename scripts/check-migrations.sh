#!/usr/bin/env bash
# Exits non-zero when the model has changes that no migration covers, for either provider.
# Uses the dotnet-ef local tool from .config/dotnet-tools.json (ADR 0012).
#   scripts/check-migrations.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
[ "${1:-}" = "--no-build" ] || dotnet build src/Samspil -nologo -clp:ErrorsOnly
for provider in Sqlite Postgres; do
  echo "== $provider"
  dotnet ef migrations has-pending-model-changes --no-build --project src/Samspil --context "${provider}SamspilDbContext"
done
