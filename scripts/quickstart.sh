#!/usr/bin/env bash
# The README's run command: installs what is missing, builds the CLI, runs the whole churn lifecycle on embedded stores.
# Extra arguments go to `churnops quickstart` (e.g. --rows 50000 --seed 7 --dir ./my-project).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prereqs.sh
dotnet build src/ChurnOps.Cli -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
exec dotnet src/ChurnOps.Cli/bin/Release/net10.0/linux-x64/churnops.dll quickstart "$@"
