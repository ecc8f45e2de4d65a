#!/usr/bin/env bash
# BumpConfigRepo's find-and-rewrite beside `grep -rl | xargs sed -i` on generated config repos of 1,000, 10,000 and
# 100,000 files (a tenth of them run the image). Each run times both on fresh copies of the tree, one after the other,
# and the best (and median) of RUNS is printed with the ratio, the in-process time, the peak RSS and the cost per file;
# the outputs are compared byte for byte. Prints figures; asserts nothing.
#
# What is timed, honestly: the whole `BumpBench bump` process, start-up included. BumpBench is a console over
# ConfigTreeEditor.Edit, published self-contained as one composite ReadyToRun image (TieredPGO off), the same editor
# BumpConfigRepo runs in a clone; git clone, commit and push are not in it. grep+sed is timed as the shell pipeline. The
# same console published framework-dependent ReadyToRun, and built without ReadyToRun (the edit as a build host runs
# it: build.sh compiles the build, so it is jitted), give the two other in-process figures.
# The image is validated before the edit's clock starts, as BumpConfigRepo validates it before it clones.
# SIZES and RUNS override the sizes and the runs per size; the trees are made under $TMPDIR (TMPDIR=/dev/shm keeps the disk out).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sizes="${SIZES:-1000 10000 100000}"
runs="${RUNS:-5}"
repository="registry.example.com/team/app"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A fresh artifacts folder: a ReadyToRun image left in obj/ by a build with other properties can crash the runtime.
dotnet publish "$here/BumpBench" -c Release -o "$work/bin" --artifacts-path "$work/artifacts" -nologo -v quiet >/dev/null
dotnet publish "$here/BumpBench" -c Release -o "$work/bin-fd" --artifacts-path "$work/artifacts-fd" \
  -p:SelfContained=false -p:PublishReadyToRunComposite=false -nologo -v quiet >/dev/null
dotnet publish "$here/BumpBench" -c Release -o "$work/bin-jit" --artifacts-path "$work/artifacts-jit" \
  -p:SelfContained=false -p:PublishReadyToRunComposite=false -p:PublishReadyToRun=false -nologo -v quiet >/dev/null
bench="$work/bin/BumpBench"
framework_dependent="$work/bin-fd/BumpBench"
jitted="$work/bin-jit/BumpBench"
in_process() { sed -n 's/.* in \([0-9]*\) ms (in process).*/\1/p' "$1"; }

# "real user+sys" of a command in milliseconds (bash's own clock; the command's output goes to $2).
timed() {
  local out="$1"; shift
  local TIMEFORMAT='%3R %3U %3S'
  local t
  t=$( { time "$@" >"$out" 2>&1; } 2>&1 )
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%d %d\n", a[1] * 1000, (a[2] + a[3]) * 1000 }'
}
best() { sort -n | head -1; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
grep_sed() {
  grep -rl --include='*.yaml' "$repository:" "$1" | xargs sed -i "s|$repository:[A-Za-z0-9_.-]*|$repository:5d6e7f8|g"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); runs per size: $runs (fresh copies each run)"
rows=()
for files in $sizes; do
  referencing=$((files / 10))
  rm -rf "$work/tree"
  "$bench" generate "$work/tree" "$files" "$referencing"
  lib_wall=(); lib_cpu=(); in_process=(); fd_in_process=(); jit_in_process=(); peak=(); sed_wall=(); sed_cpu=()
  for run in $(seq "$runs"); do
    rm -rf "$work/lib" "$work/sed" "$work/fd" "$work/jit"
    cp -r "$work/tree" "$work/lib"
    cp -r "$work/tree" "$work/sed"
    cp -r "$work/tree" "$work/fd"
    cp -r "$work/tree" "$work/jit"
    sync
    # The first process after the copies meets the kernel still busy with them: each variant goes first in turn.
    for variant in $(printf 'lib\nfd\njit\n' | awk -v r="$run" '{ v[NR - 1] = $0 } END { for (i = 0; i < 3; i++) print v[(i + r) % 3] }'); do
      case "$variant" in
        lib)
          read -r w c < <(timed "$work/lib.out" "$bench" bump "$work/lib" "$repository" 5d6e7f8)
          lib_wall+=("$w"); lib_cpu+=("$c")
          in_process+=("$(in_process "$work/lib.out")")
          peak+=("$(sed -n 's/.*peak RSS \([0-9.]*\) MiB.*/\1/p' "$work/lib.out")") ;;
        fd)
          timed "$work/fd.out" "$framework_dependent" bump "$work/fd" "$repository" 5d6e7f8 >/dev/null
          fd_in_process+=("$(in_process "$work/fd.out")") ;;
        jit)
          timed "$work/jit.out" "$jitted" bump "$work/jit" "$repository" 5d6e7f8 >/dev/null
          jit_in_process+=("$(in_process "$work/jit.out")") ;;
      esac
    done
    read -r w c < <(timed "$work/sed.out" grep_sed "$work/sed")
    sed_wall+=("$w"); sed_cpu+=("$c")
  done
  identical="identical"
  if ! diff -r -q "$work/lib" "$work/sed" >/dev/null || ! diff -r -q "$work/fd" "$work/sed" >/dev/null || ! diff -r -q "$work/jit" "$work/sed" >/dev/null; then
    identical="$(diff -r -q "$work/lib" "$work/sed" | wc -l) files differ (framework-dependent: $(diff -r -q "$work/fd" "$work/sed" | wc -l), jitted: $(diff -r -q "$work/jit" "$work/sed" | wc -l))"
  fi
  lb=$(printf '%s\n' "${lib_wall[@]}" | best); lm=$(printf '%s\n' "${lib_wall[@]}" | median)
  sb=$(printf '%s\n' "${sed_wall[@]}" | best); sm=$(printf '%s\n' "${sed_wall[@]}" | median)
  ib=$(printf '%s\n' "${in_process[@]}" | best)
  fb=$(printf '%s\n' "${fd_in_process[@]}" | best)
  jb=$(printf '%s\n' "${jit_in_process[@]}" | best)
  pk=$(printf '%s\n' "${peak[@]}" | sort -n | tail -1)
  echo "$files files: $(head -1 "$work/lib.out")"
  echo "  library wall ms: ${lib_wall[*]} (cpu ${lib_cpu[*]}); in process: ${in_process[*]}; framework-dependent: ${fd_in_process[*]}; jitted: ${jit_in_process[*]}"
  echo "  grep+sed wall ms: ${sed_wall[*]} (cpu ${sed_cpu[*]})"
  rows+=("$(awk -v f="$files" -v r="$referencing" -v lb="$lb" -v lm="$lm" -v ib="$ib" -v fb="$fb" -v jb="$jb" -v pk="$pk" -v sb="$sb" -v sm="$sm" -v id="$identical" \
    'BEGIN { printf "| %7d | %6d | %5d ms | %5d ms | %5d ms | %5d ms | %5d ms | %7.1f | %5d ms | %5d ms | %5.2fx | %5.2fx | %6.1f | %s |", f, r, lb, lm, ib, fb, jb, pk, sb, sm, lb / sb, lm / sm, ib * 1000 / f, id }')")
done

echo
echo "| files   | refs   | library best | median | in process | framework-dependent, in process | jitted, in process | peak RSS MiB | grep+sed best | median | best/best | median/median | µs/file in process | outputs |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo "goals: whole process at most 1.0x grep+sed at 10,000 files (best of 5), in process at most 150 ms, cost per file flat"
echo "per-file micro-benchmark (BenchmarkDotNet): dotnet run -c Release --project $here/EditBench"
