#!/usr/bin/env bash
# Bootstrap for the Pipelines build: find dotnet, recompile build/ only when its inputs changed, run it.
# Usage: ./build.sh [targets] [--parameters]   (./build.sh --help lists both)
set -euo pipefail

# A symlinked copy (e.g. in a sample app) bootstraps the build next to the link, not next to this file.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$root/build/_build.csproj"
temp="$root/.nuke/temp"
bin="$temp/bin"
stamp="$temp/build.inputs.sha256"

if ! command -v dotnet >/dev/null 2>&1; then
    for candidate in "${DOTNET_ROOT:-}" "$HOME/.dotnet" /usr/share/dotnet /usr/lib/dotnet; do
        if [ -n "$candidate" ] && [ -x "$candidate/dotnet" ]; then PATH="$candidate:$PATH"; break; fi
    done
fi
if ! command -v dotnet >/dev/null 2>&1; then
    echo "build.sh: the .NET SDK was not found; install .NET 10 (https://dot.net) or put dotnet on PATH" >&2
    exit 2
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Everything the compiled build depends on: the build project's folder, every project it references
# (transitively) with the files they embed from outside their folder, and the repository-wide MSBuild settings.
input_dirs() {
    local pending=("$(dirname "$project")") seen=" " dir csproj ref
    while [ ${#pending[@]} -gt 0 ]; do
        dir="$(cd "${pending[0]}" && pwd -P)"; pending=("${pending[@]:1}")
        case "$seen" in *" $dir "*) continue ;; esac
        seen="$seen$dir "
        echo "$dir"
        for csproj in "$dir"/*.csproj; do
            [ -f "$csproj" ] || continue
            # Relative Include paths that leave the project folder: project references and linked/embedded files.
            for ref in $(grep -o 'Include="\.\./[^"]*"' "$csproj" | sed -e 's/^Include="//' -e 's/"$//' -e 's#\\#/#g'); do
                ref="${ref%%\**}"
                case "$ref" in *.csproj) ref="$(dirname "$ref")" ;; esac
                ref="$dir/${ref%/}"
                [ -d "$ref" ] && pending+=("$ref")
            done
        done
    done
}

inputs_hash() {
    {
        input_dirs | LC_ALL=C sort -u | while read -r dir; do
            find "$dir" -type f -not -path '*/bin/*' -not -path '*/obj/*'
        done
        for name in Directory.Build.props Directory.Packages.props global.json NuGet.config; do
            local dir="$root"
            # MSBuild and NuGet look upwards from the project for these; so do we.
            while [ "$dir" != "/" ]; do
                [ -f "$dir/$name" ] && { echo "$dir/$name"; break; }
                dir="$(dirname "$dir")"
            done
        done
    } | LC_ALL=C sort -u | xargs -d '\n' sha256sum | sha256sum | cut -d' ' -f1
}

dirs_file="$temp/build.inputs"

# Fast path: nothing under the recorded input folders changed since the last check (a deleted file
# changes its folder's time too). Otherwise hash the contents: a touched but unchanged file costs a hash, not a compile.
up_to_date() {
    [ -f "$bin/_build.dll" ] && [ -f "$stamp" ] && [ -f "$dirs_file" ] || return 1
    local changed
    # Paths are relative to the root, so a moved or re-cloned checkout is checked, not trusted; a missing one fails find.
    if changed="$(cd "$root" && xargs -d '\n' -a "$dirs_file" sh -c 'find "$@" \( -name bin -o -name obj \) -prune -o -newer "$0" -print -quit' "$stamp" 2>/dev/null)" \
        && [ -z "$changed" ]; then
        return 0
    fi
    local current
    current="$(inputs_hash)"
    if [ "$(cat "$stamp")" = "$current" ]; then touch "$stamp"; return 0; fi
    return 1
}

if ! up_to_date; then
    mkdir -p "$temp"
    log="$temp/build.log"
    echo "build.sh: compiling the build project (its inputs changed)" >&2
    if ! dotnet build "$project" --nologo -v quiet -c Release -o "$bin" >"$log" 2>&1; then
        grep -E 'error|Error' "$log" | sort -u >&2 || cat "$log" >&2
        echo "build.sh: the build project did not compile; full log: .nuke/temp/build.log" >&2
        exit 2
    fi
    { input_dirs; for name in Directory.Build.props Directory.Packages.props global.json NuGet.config; do
        if [ -f "$root/$name" ]; then echo "$root/$name"; fi; done; } | xargs -d '\n' realpath --relative-to="$root" | LC_ALL=C sort -u >"$dirs_file"
    inputs_hash >"$stamp"
fi

# The build's root is where this script sits, whatever the caller's directory (a sample's build run from the
# repository root must not write into the root's .nuke/ or CI files); an explicit --root still wins.
export PIPELINES_ROOT="$root"
exec dotnet "$bin/_build.dll" "$@"
