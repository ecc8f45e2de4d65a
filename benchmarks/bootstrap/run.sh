#!/usr/bin/env bash
# Warm start of `./build.sh --plan` against the MSBuild-every-call pattern (NUKE's bootstrap:
# `dotnet build` then `dotnet run --no-build`) on the same build project. Prints both medians and the ratio.
# Usage: benchmarks/bootstrap/run.sh [runs]   (default 10)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-10}"
cd "$root"

now_ms() { date +%s%N | awk '{ printf "%.1f", $1 / 1000000 }'; }

median() { LC_ALL=C sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

time_runs() {
    local label="$1"; shift
    for _ in $(seq "$runs"); do
        local start end
        start=$(now_ms)
        "$@" >/dev/null 2>&1
        end=$(now_ms)
        awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f\n", e - s }'
    done | median
}

# Warm both paths once so neither pays a first compile.
./build.sh --plan >/dev/null 2>&1
dotnet build build/_build.csproj --nologo -v quiet >/dev/null 2>&1

msbuild_every_call() { dotnet build build/_build.csproj --nologo -v quiet && dotnet run --no-build --project build/_build.csproj -- --plan; }

bootstrap=$(time_runs "build.sh" ./build.sh --plan)
msbuild=$(time_runs "msbuild" msbuild_every_call)
ratio=$(awk -v a="$msbuild" -v b="$bootstrap" 'BEGIN { printf "%.1f", a / b }')

printf '%-46s %8s ms (median of %s)\n' "./build.sh --plan (warm)" "$bootstrap" "$runs"
printf '%-46s %8s ms (median of %s)\n' "dotnet build && dotnet run --no-build --plan" "$msbuild" "$runs"
printf '%-46s %8sx  (goal: >= 4x, and build.sh <= 300 ms)\n' "speed-up" "$ratio"
