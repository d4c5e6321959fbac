#!/usr/bin/env bash
# Installs what ChurnOps and its tests need on a fresh Debian machine (only what is missing), then restores NuGet packages.
#   fonts-dejavu-core   ScottPlot draws blank text without a font.
#   postgresql          team-mode metadata/warehouse tests start a throwaway cluster (initdb via runuser when root).
#   redis-server        team-mode online-store tests start a throwaway server on a free loopback port.
#   chromium            dashboard browser tests (Playwright drives Debian's Chromium; it never downloads a browser).
#   s3rver (npm)        an S3-compatible server for the artifact-store tests, installed into .tools/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in fonts-dejavu-core postgresql redis-server chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "error: apt-get install ${need[*]} failed" >&2; exit 1; }
fi

if [ ! -x .tools/s3rver/node_modules/.bin/s3rver ]; then
  command -v npm >/dev/null || { echo "error: npm is not on PATH (needed for the S3-compatible test server)" >&2; exit 1; }
  mkdir -p .tools/s3rver
  npm install --prefix .tools/s3rver --no-audit --no-fund --silent s3rver@3.7.1 >/dev/null \
    || { echo "error: npm install s3rver failed" >&2; exit 1; }
fi

command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
dotnet restore ChurnOps.slnx --nologo -v quiet >/dev/null
