#!/usr/bin/env bash
# Prints the skip-path re-run of DockerBuild+PushEcr against a full push, and re-tag by manifest copy against `skopeo copy`.
# Needs: docker.io, docker-registry, apache2-utils, skopeo, busybox-static. Usage: benchmarks/containers/run.sh [runs]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet run -c Release --project "$here/ContainersBenchmark.csproj" -- "${1:-5}"
