#!/usr/bin/env sh
# Rollout detection latency: WaitRollout beside `kubectl rollout status` on the Kubernetes API stand-in.
set -eu
cd "$(dirname "$0")"
exec dotnet run -c Release -- "$@"
