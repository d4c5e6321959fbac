#!/usr/bin/env bash
# Installs the system packages ChurnOps needs on a fresh Debian machine (only those missing), then restores NuGet packages.
# fonts-dejavu-core: ScottPlot draws blank text without a font.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null || { echo "error: apt-get install ${need[*]} failed" >&2; exit 1; }
fi

command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
dotnet restore ChurnOps.slnx --nologo -v quiet >/dev/null
