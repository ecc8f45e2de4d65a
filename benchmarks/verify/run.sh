#!/usr/bin/env sh
# Verification latency: from "rollout complete" to "verified" (no soak), WaitRollout + Verify beside
# `kubectl rollout status` + `kubectl get --raw` through the same service proxy, on the Kubernetes API stand-in.
# Prints medians and ratios; asserts nothing. Usage: benchmarks/verify/run.sh [rollouts]   (default 15)
set -eu
cd "$(dirname "$0")"
exec dotnet run -c Release -- "$@"
