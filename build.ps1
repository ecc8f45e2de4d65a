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

# Everything the compiled build depends on: the build project's folder, every project it references
# (transitively) with the files they embed from outside their folder, and the repository-wide MSBuild settings.
# Same inputs and the same two-step check as build.sh.
function Get-InputDirectories {
    $pending = [Collections.Generic.Queue[string]]::new()
    $pending.Enqueue((Split-Path $project -Parent))
    $seen = [Collections.Generic.HashSet[string]]::new()
    while ($pending.Count -gt 0) {
        $dir = [IO.Path]::GetFullPath($pending.Dequeue())
        if (-not $seen.Add($dir)) { continue }
        $dir
        foreach ($csproj in Get-ChildItem -Path $dir -Filter '*.csproj' -File) {
            foreach ($match in [regex]::Matches((Get-Content $csproj.FullName -Raw), 'Include="(\.\.[\\/][^"]*)"')) {
                $ref = ($match.Groups[1].Value -replace '\\', '/') -replace '\*.*$', ''
                if ($ref.EndsWith('.csproj')) { $ref = Split-Path $ref -Parent }
                $full = Join-Path $dir $ref.TrimEnd('/')
                if (Test-Path $full -PathType Container) { $pending.Enqueue($full) }
            }
        }
    }
}

# Files under the input directories, without descending into bin/ and obj/ (plain .NET enumeration: Get-ChildItem
# -Recurse would walk the build outputs too, which dominates the warm start).
function Get-InputFiles([string[]] $directories) {
    $pending = [Collections.Generic.Stack[IO.DirectoryInfo]]::new()
    foreach ($dir in $directories) {
        if ([IO.File]::Exists($dir)) { [IO.FileInfo]::new($dir) } else { $pending.Push([IO.DirectoryInfo]::new($dir)) }
    }
    while ($pending.Count -gt 0) {
        $current = $pending.Pop()
        foreach ($file in $current.EnumerateFiles()) { $file }
        foreach ($sub in $current.EnumerateDirectories()) {
            if ($sub.Name -ne 'bin' -and $sub.Name -ne 'obj') { $pending.Push($sub) }
        }
    }
    foreach ($name in 'Directory.Build.props', 'Directory.Packages.props', 'global.json', 'NuGet.config') {
        $full = Join-Path $root $name
        if (Test-Path $full) { Get-Item $full }
    }
}

# The same hash build.sh computes (sha256sum lines in byte order of path), so switching scripts does not recompile.
function Get-InputsHash([string[]] $directories) {
    $paths = [Collections.Generic.SortedSet[string]]::new([StringComparer]::Ordinal)
    foreach ($file in Get-InputFiles $directories) { $null = $paths.Add($file.FullName) }
    $lines = foreach ($path in $paths) { "$((Get-FileHash -Algorithm SHA256 -LiteralPath $path).Hash.ToLowerInvariant())  $path" }
    $bytes = [Text.Encoding]::UTF8.GetBytes(($lines -join "`n") + "`n")
    return [BitConverter]::ToString([Security.Cryptography.SHA256]::HashData($bytes)).Replace('-', '').ToLowerInvariant()
}

$dll = Join-Path $bin '_build.dll'
$dirsFile = Join-Path $temp 'build.inputs'

function Test-UpToDate {
    if (-not ((Test-Path $dll) -and (Test-Path $stamp) -and (Test-Path $dirsFile))) { return $false }
    $directories = Get-Content $dirsFile | ForEach-Object { Join-Path $root $_ }
    if ($directories | Where-Object { -not (Test-Path $_) }) { return $false }
    $since = (Get-Item $stamp).LastWriteTimeUtc
    $changed = $false
    foreach ($file in Get-InputFiles $directories) {
        if ($file.LastWriteTimeUtc -gt $since) { $changed = $true; break }
    }
    if (-not $changed) { return $true }
    if ((Get-Content $stamp -Raw).Trim() -eq (Get-InputsHash $directories)) {
        (Get-Item $stamp).LastWriteTimeUtc = [DateTime]::UtcNow
        return $true
    }
    return $false
}

if (-not (Test-UpToDate)) {
    New-Item -ItemType Directory -Force -Path $temp | Out-Null
    $log = Join-Path $temp 'build.log'
    [Console]::Error.WriteLine('build.ps1: compiling the build project (its inputs changed)')
    & dotnet build $project --nologo -v quiet -c Release -o $bin *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | Select-String -Pattern 'error' | Select-Object -Unique | ForEach-Object { [Console]::Error.WriteLine($_) }
        [Console]::Error.WriteLine('build.ps1: the build project did not compile; full log: .nuke/temp/build.log')
        exit 2
    }
    $directories = @(Get-InputDirectories)
    $directories | ForEach-Object { [IO.Path]::GetRelativePath($root, $_).Replace('\', '/') } | Set-Content -Path $dirsFile
    Set-Content -Path $stamp -Value (Get-InputsHash $directories) -NoNewline
}

# The build's root is where this script sits, whatever the caller's directory; an explicit --root still wins.
$env:PIPELINES_ROOT = $root
& dotnet $dll @args
exit $LASTEXITCODE
