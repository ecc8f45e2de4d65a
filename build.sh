#!/usr/bin/env bash
# Bootstrap for the Pipelines build: find dotnet, recompile build/ only when its inputs changed, run it.
# Usage: ./build.sh [targets] [--parameters]   (./build.sh --help lists both)
set -euo pipefail

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

# Everything the compiled build depends on: its own sources, the libraries it references
# (and the templates they embed), and the repository-wide MSBuild settings.
inputs_hash() {
    cd "$root"
    {
        find build src samples/config-repo -type f \
            -not -path '*/bin/*' -not -path '*/obj/*' 2>/dev/null
        ls Directory.Build.props Directory.Packages.props global.json NuGet.config 2>/dev/null || true
    } | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum | cut -d' ' -f1
}

current="$(inputs_hash)"
if [ ! -f "$bin/_build.dll" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$current" ]; then
    mkdir -p "$temp"
    log="$temp/build.log"
    echo "build.sh: compiling the build project (its inputs changed)" >&2
    if ! dotnet build "$project" --nologo -v quiet -c Release -o "$bin" >"$log" 2>&1; then
        grep -E 'error|Error' "$log" | sort -u >&2 || cat "$log" >&2
        echo "build.sh: the build project did not compile; full log: .nuke/temp/build.log" >&2
        exit 2
    fi
    echo "$current" >"$stamp"
fi

exec dotnet "$bin/_build.dll" "$@"
