#!/usr/bin/env bash
# The FHIR Task search benchmark (issue 20; not part of the test command): starts the application in-process on a SQLite file with
# the demo data, gives one citizen's plan N actions, and times GET /fhir/Task?patient=… against GET /api/v1/courses/{id}/plan.
#   bench/fhir-tasks.sh [--actions N] [--runs R] [--warmup W]
set -euo pipefail
cd "$(dirname "$0")/.."
nice -n 19 dotnet build -c Release bench/Samspil.Benchmarks -v quiet -nologo
exec nice -n 19 dotnet run -c Release --no-build --project bench/Samspil.Benchmarks -- fhir-tasks "$@"
