#!/usr/bin/env pwsh
# Bootstrap for the Pipelines build: find dotnet, recompile build/ only when its inputs changed, run it.
# Usage: ./build.ps1 [targets] [--parameters]   (./build.ps1 --help lists both)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$project = Join-Path $root 'build/_build.csproj'
$temp = Join-Path $root '.nuke/temp'
$bin = Join-Path $temp 'bin'
$stamp = Join-Path $temp 'build.inputs.sha256'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    foreach ($candidate in @($env:DOTNET_ROOT, (Join-Path $HOME '.dotnet'), 'C:/Program Files/dotnet', '/usr/share/dotnet')) {
        if ($candidate -and (Test-Path (Join-Path $candidate 'dotnet*'))) { $env:PATH = "$candidate$([IO.Path]::PathSeparator)$env:PATH"; break }
    }
}
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    [Console]::Error.WriteLine('build.ps1: the .NET SDK was not found; install .NET 10 (https://dot.net) or put dotnet on PATH')
    exit 2
}
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

# Everything the compiled build depends on: its own sources, the libraries it references
# (and the templates they embed), and the repository-wide MSBuild settings. Same inputs as build.sh.
function Get-InputsHash {
    $files = @()
    foreach ($dir in 'build', 'src', 'samples/config-repo') {
        $full = Join-Path $root $dir
        if (Test-Path $full) {
            $files += Get-ChildItem -Path $full -Recurse -File |
                Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
        }
    }
    foreach ($name in 'Directory.Build.props', 'Directory.Packages.props', 'global.json', 'NuGet.config') {
        $full = Join-Path $root $name
        if (Test-Path $full) { $files += Get-Item $full }
    }
    $lines = $files |
        ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') } |
        Sort-Object -CaseSensitive |
        ForEach-Object { "$((Get-FileHash -Algorithm SHA256 (Join-Path $root $_)).Hash.ToLowerInvariant())  $_" }
    $bytes = [Text.Encoding]::UTF8.GetBytes(($lines -join "`n") + "`n")
    return [BitConverter]::ToString([Security.Cryptography.SHA256]::HashData($bytes)).Replace('-', '').ToLowerInvariant()
}

$current = Get-InputsHash
$dll = Join-Path $bin '_build.dll'
if (-not (Test-Path $dll) -or -not (Test-Path $stamp) -or ((Get-Content $stamp -Raw).Trim() -ne $current)) {
    New-Item -ItemType Directory -Force -Path $temp | Out-Null
    $log = Join-Path $temp 'build.log'
    [Console]::Error.WriteLine('build.ps1: compiling the build project (its inputs changed)')
    & dotnet build $project --nologo -v quiet -c Release -o $bin *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | Select-String -Pattern 'error' | Select-Object -Unique | ForEach-Object { [Console]::Error.WriteLine($_) }
        [Console]::Error.WriteLine('build.ps1: the build project did not compile; full log: .nuke/temp/build.log')
        exit 2
    }
    Set-Content -Path $stamp -Value $current -NoNewline
}

& dotnet $dll @args
exit $LASTEXITCODE
