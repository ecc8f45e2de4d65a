#!/usr/bin/env bash
# The time SmokeTest adds to the sample's Ci, next to DockerBuild's. Each run is `Ci` of samples/gitops-app-demo on its
# local defaults (image kept in the local engine) as after a new commit: a file in the published out/ changes, so
# DockerBuild copies the app into a new layer, and a new APP_VERSION build argument lets the run check that the image
# SmokeTest started and got its first 200 from on /healthz is that new one. Compile, Test and Publish run once beforehand.
# Prints medians; asserts nothing.
# Needs: the .NET SDK and a Docker engine (the host's default). Usage: benchmarks/smoke-test/run.sh [runs]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sample="$root/samples/gitops-app-demo"
runs="${1:-5}"
cd "$sample"
log="$(mktemp)"
trap 'rm -f "$log" out/bench-run.txt' EXIT

median() { LC_ALL=C sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# A summary duration (mm:ss.fff) or a JSON TimeSpan (hh:mm:ss.fffffff) in milliseconds.
to_ms() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.0f\n", s * 1000 }'; }
row_duration() { grep -E "^$1 +Succeeded" "$log" | awk '{ print $3 }' | to_ms; }

# Warm: compile the build and the app, publish it to out/, and have every base layer in the engine.
./build.sh Ci >"$log" 2>&1 || { cat "$log"; exit 1; }

# The image the warm run built goes back under its tag at the end, so the engine is left as the benchmark found it.
image="gitops-app-demo:$(git rev-parse --short HEAD)"
warm="$(docker image inspect --format '{{.Id}}' "$image")"
docker_build=() smoke_test=() first_answer=() images=()
for i in $(seq "$runs"); do
    version="bench-$i-$RANDOM"
    echo "$version" >out/bench-run.txt
    ./build.sh Ci --skip Compile Test Publish --build-arg "APP_VERSION=$version" >"$log" 2>&1 || { cat "$log"; exit 1; }
    report="$(cat artifacts/outputs/smoke-test.json)"
    # The image that answered is the one just built: it serves the new version.
    grep -q "$version" <<<"$report" || { echo "smoke test did not see $version: $report" >&2; exit 1; }
    docker_build+=("$(row_duration DockerBuild)")
    smoke_test+=("$(row_duration SmokeTest)")
    first_answer+=("$(grep -o '"timeToFirstAnswer": "[^"]*"' <<<"$report" | cut -d'"' -f4 | to_ms)")
    images+=("$(grep -o '"digest": "[^"]*"' artifacts/outputs/image.json | cut -d'"' -f4)")
done
docker tag "$warm" "$image"
for built in "${images[@]}"; do docker image rm "$built" >/dev/null 2>&1 || true; done

build_ms=$(printf '%s\n' "${docker_build[@]}" | median)
smoke_ms=$(printf '%s\n' "${smoke_test[@]}" | median)
answer_ms=$(printf '%s\n' "${first_answer[@]}" | median)
echo "SmokeTest in the sample's Ci: median of $runs runs (ms), Docker $(docker version --format '{{.Server.Version}}'), a changed app layer each run"
echo
printf '%-58s %8s ms\n' "DockerBuild (changed image)" "$build_ms"
printf '%-58s %8s ms\n' "SmokeTest (whole target: start, first 200, removal)" "$smoke_ms"
printf '%-58s %8s ms\n' "  of which start to first 200 on /healthz" "$answer_ms"
printf '%-58s %8s\n' "SmokeTest / DockerBuild" "$(awk -v a="$smoke_ms" -v b="$build_ms" 'BEGIN { printf "%.2f", a / b }')"
