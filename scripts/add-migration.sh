#!/usr/bin/env bash
# Adds an EF Core migration named $1 for both providers (SQLite and PostgreSQL), with the
# dotnet-ef local tool from .config/dotnet-tools.json (ADR 0012).
#   scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: scripts/add-migration.sh <MigrationName>" >&2; exit 2; }
dotnet tool restore >/dev/null
dotnet build src/Samspil -nologo -clp:ErrorsOnly
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$1" --no-build --project src/Samspil \
    --context "${provider}SamspilDbContext" \
    --output-dir "Infrastructure/Persistence/Migrations/$provider"
done
