#!/usr/bin/env bash
# Runs the hardening suite and prints its figures: faults injected and survived per component, races run and landed,
# bad inputs tried and handled, secret occurrences found. Each hardening test appends one JSON line per scenario to
# $PIPELINES_HARDENING_REPORT; this script only sums them (plain bash and sed, no jq or python).
set -uo pipefail
cd "$(dirname "$0")/../.."
report="$(mktemp -t pipelines-hardening-XXXXXX.jsonl)"
trap 'rm -f "$report"' EXIT
export PIPELINES_HARDENING_REPORT="$report"

# Every test project with a Hardening folder: faults and races live beside their library, bad input and secrets in Components.
status=0
for project in tests/*/Hardening; do
  project="${project%/Hardening}"
  echo "== $project"
  dotnet test "$project" --filter "FullyQualifiedName~Hardening" "$@" || status=1
done

# field NAME LINE: the value of a JSON field (number or string) in one flat JSON line.
field() {
  local value
  value="$(printf '%s\n' "$2" | sed -n -E "s/.*\"$1\":(\"([^\"]*)\"|([-0-9.]+|true|false)).*/\2\3/p")"
  case "$value" in true) value=1 ;; false) value=0 ;; esac
  printf '%s' "$value"
}

declare -A injected survived attempts retries races landed hostile_tried hostile_handled hostile_slowest hostile_rss
tried=0 handled=0 occurrences=0 secret_runs=0 fault_rows=0 race_rows=0 hostile_rows=0
while IFS= read -r line; do
  [ -z "$line" ] && continue
  area="$(field area "$line")"
  case "$area" in
    bad-input)
      tried=$((tried + $(field tried "$line")))
      handled=$((handled + $(field handled "$line"))) ;;
    secrets)
      secret_runs=$((secret_runs + 1))
      occurrences=$((occurrences + $(field occurrences "$line"))) ;;
    races)
      key="$(field scenario "$line")"
      race_rows=$((race_rows + 1))
      runs="$(field runs "$line")"; runs="${runs:-$(field attempts "$line")}"
      got="$(field landed "$line")"; got="${got:-$(field succeeded "$line")}"
      races[$key]=$(( ${races[$key]:-0} + ${runs:-0} ))
      landed[$key]=$(( ${landed[$key]:-0} + ${got:-0} )) ;;
    hostile)
      # scenario is <class>/<case>: sum per class, keep the slowest case and the largest peak memory.
      key="$(field scenario "$line")"; key="${key%%/*}"
      hostile_rows=$((hostile_rows + 1))
      hostile_tried[$key]=$(( ${hostile_tried[$key]:-0} + $(field tried "$line") ))
      hostile_handled[$key]=$(( ${hostile_handled[$key]:-0} + $(field handled "$line") ))
      seconds="$(field seconds "$line")"
      if [ -n "$seconds" ] && awk "BEGIN{exit !($seconds > ${hostile_slowest[$key]:-0})}"; then hostile_slowest[$key]="$seconds"; fi
      rss="$(field peakRssMb "$line")"
      if [ -n "$rss" ] && awk "BEGIN{exit !($rss > ${hostile_rss[$key]:-0})}"; then hostile_rss[$key]="$rss"; fi ;;
    faults)
      key="$(field scenario "$line")"
      fault_rows=$((fault_rows + 1))
      faults="$(field faultsInjected "$line")"
      ok="$(field succeeded "$line")"
      injected[$key]=$(( ${injected[$key]:-0} + ${faults:-0} ))
      runs="$(field runs "$line")"
      tries="$(field attempts "$line")"
      attempts[$key]=$(( ${attempts[$key]:-0} + ${runs:-1} ))
      retries[$key]=$(( ${retries[$key]:-0} + ${tries:-0} ))
      survived[$key]=$(( ${survived[$key]:-0} + ${ok:-0} )) ;;
  esac
done < "$report"

echo
echo "Hardening figures ($(wc -l < "$report") scenario lines)"
echo "  Faults (per component scenario; registry-down is meant to fail, in one line, after bounded attempts)"
if [ "$fault_rows" -eq 0 ]; then echo "    (no fault scenarios reported)"; fi
for key in "${!injected[@]}"; do
  printf '    %-28s %6d faults injected, %d of %d run(s) succeeded, %d attempt(s)\n' "$key" "${injected[$key]}" "${survived[$key]}" "${attempts[$key]}" "${retries[$key]}"
done
echo "  Races: run / landed"
if [ "$race_rows" -eq 0 ]; then echo "    (no race scenarios reported)"; fi
for key in "${!races[@]}"; do
  printf '    %-28s %6d run, %d landed\n' "$key" "${races[$key]}" "${landed[$key]}"
done
printf '  Bad inputs: %d tried, %d handled (exit code, one line naming the input and what to do, nothing changed)\n' "$tried" "$handled"
echo "  Hostile inputs: tried / handled per class (slowest case, largest peak memory)"
if [ "$hostile_rows" -eq 0 ]; then echo "    (no hostile-input cases reported)"; fi
all_tried=0 all_handled=0
for key in "${!hostile_tried[@]}"; do
  all_tried=$((all_tried + hostile_tried[$key])); all_handled=$((all_handled + hostile_handled[$key]))
  printf '    %-28s %4d tried, %d handled, slowest %ss%s\n' "$key" "${hostile_tried[$key]}" "${hostile_handled[$key]}" "${hostile_slowest[$key]:-0}" \
    "$( [ -n "${hostile_rss[$key]:-}" ] && printf ', peak %s MB' "${hostile_rss[$key]}")"
done
if [ "$hostile_rows" -gt 0 ]; then printf '    %-28s %4d tried, %d handled\n' "all" "$all_tried" "$all_handled"; fi
printf '  Secrets: %d occurrence(s) found across %d searched run set(s)\n' "$occurrences" "$secret_runs"
exit "$status"
