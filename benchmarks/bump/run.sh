#!/usr/bin/env bash
# Times the config-repo editor against grep+sed on a generated 10,000-file config repo
# (about 1,000 files reference the image). Prints both wall times and the ratio; asserts nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
files="${FILES:-10000}"
referencing="${REFERENCING:-1000}"
repository="registry.example.com/team/app"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# ReadyToRun: the editor is a short-lived process, so ahead-of-time code matters more than steady-state JIT.
dotnet publish "$here/BumpBench" -c Release -o "$work/bin" -nologo -v quiet >/dev/null
bench="$work/bin/BumpBench"

"$bench" generate "$work/tree" "$files" "$referencing"
runs="${RUNS:-3}"
best() { sort -n | head -1; }

lib_times=(); sed_times=()
for run in $(seq "$runs"); do
  rm -rf "$work/lib" "$work/sed"
  cp -r "$work/tree" "$work/lib"
  cp -r "$work/tree" "$work/sed"
  sync
  start=$(date +%s%N)
  "$bench" bump "$work/lib" "$repository" 5d6e7f8 > "$work/lib.out"
  lib_times+=($(( ($(date +%s%N) - start) / 1000000 )))
  start=$(date +%s%N)
  grep -rl --include='*.yaml' "$repository:" "$work/sed" | xargs sed -i "s|$repository:[A-Za-z0-9_.-]*|$repository:5d6e7f8|g"
  sed_times+=($(( ($(date +%s%N) - start) / 1000000 )))
done

lib_ms=$(printf '%s\n' "${lib_times[@]}" | best)
sed_ms=$(printf '%s\n' "${sed_times[@]}" | best)
echo "tree: $files files, $(grep -rl "$repository:" "$work/tree" | wc -l) mention $repository"
cat "$work/lib.out"
echo "library (process wall, best of $runs): ${lib_ms} ms   runs: ${lib_times[*]}"
echo "grep+sed (wall, best of $runs):        ${sed_ms} ms   runs: ${sed_times[*]}"
awk -v a="$lib_ms" -v b="$sed_ms" 'BEGIN { printf "ratio library/grep+sed: %.2fx (goal: within 1.5x)\n", a / b }'
if diff -r -q "$work/lib" "$work/sed" >/dev/null; then
  echo "outputs: identical"
else
  echo "outputs differ in $(diff -r -q "$work/lib" "$work/sed" | wc -l) files (sed has no notion of YAML structure)"
fi
