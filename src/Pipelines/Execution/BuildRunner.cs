using System.Diagnostics;
using Pipelines.CiGeneration;
using Pipelines.Hosts;
using Pipelines.Parameters;
using Pipelines.Planning;
using Pipelines.Tooling;

namespace Pipelines.Execution;

/// <summary>One run of a build: arguments to plan to execution to summary, with every output redacted.</summary>
internal static class BuildRunner
{
    public static async Task<int> RunAsync(BuildInvocation invocation, Func<PipelineBuild> create, Type buildType,
        IReadOnlyList<string> defaultTargets, bool redirectConsole)
    {
        var masker = new SecretMasker();
        // On an interactive terminal the run's output passes under a live status line of the running targets.
        var output = new RedactingTextWriter(invocation.Ansi ? new LiveStatusLine(invocation.Out) : invocation.Out, masker);
        var error = new RedactingTextWriter(invocation.Error, masker);
        if (redirectConsole)
        {
            Console.SetOut(output);
            Console.SetError(error);
        }
        try
        {
            return await RunCoreAsync(invocation, create, defaultTargets, masker, output, error);
        }
        catch (InvocationException ex)
        {
            error.WriteLine($"error: {OneLine(ex.Message)}");
            return 2;
        }
        catch (TargetFailedException ex)
        {
            error.WriteLine($"error: {OneLine(ex.Message)}");
            return 1;
        }
        catch (PipelinesException ex)
        {
            error.WriteLine($"error: {ex.Describe()}");
            return ex.Kind == FailureKind.BadInput ? 2 : 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A build that cannot even be described (a parameter getter that throws, a broken target property) still ends in one line.
            var cause = ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex;
            error.WriteLine($"error: {FailureLog.Record(invocation.RootDirectory, "build", cause, masker)}");
            return 1;
        }
        finally
        {
            output.Flush();
            error.Flush();
        }
    }

    static async Task<int> RunCoreAsync(BuildInvocation invocation, Func<PipelineBuild> create, IReadOnlyList<string> defaultTargets,
        SecretMasker masker, TextWriter output, TextWriter error)
    {
        var environment = invocation.Environment;
        var model = BuildModel.Create(create(), defaultTargets);

        var options = new Dictionary<string, (string Name, OptionKind Kind)>(StringComparer.Ordinal);
        foreach (var (name, kind, _) in EngineOptions.All)
            options[ParameterNames.Normalize(name)] = (name, kind);
        foreach (var parameter in model.Parameters)
        {
            var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
            var kind = type == typeof(bool) ? OptionKind.Flag : type == typeof(string[]) ? OptionKind.List : OptionKind.Value;
            options.TryAdd(ParameterNames.Normalize(parameter.Name), (parameter.Name, kind));
        }
        RegisterSecretsEarly(model, invocation.Arguments, environment, masker);
        var arguments = CommandLine.Parse(invocation.Arguments, options, model.Targets.Select(t => t.Name).ToList());

        var engine = new EngineOptions();
        foreach (var (name, _, _) in EngineOptions.All)
        {
            var variable = ParameterNames.EnvironmentVariable(name);
            if (name != "help" && environment.GetValueOrDefault(variable) is { } value)
                engine.Apply(name, value.Length == 0 ? [] : [value], variable);
        }
        foreach (var (name, _, _) in EngineOptions.All)
        {
            if (arguments.Options.TryGetValue(name, out var given))
                engine.Apply(name, given.Values, given.Spelling);
        }

        if (engine.Help)
        {
            HelpWriter.Write(output, model);
            return 0;
        }

        var root = Path.GetFullPath(invocation.RootDirectory ?? engine.Root ?? FindRoot(invocation.WorkingDirectory ?? Environment.CurrentDirectory));
        var host = engine.Host ?? HostDetection.Detect(environment);
        var store = ParameterBinder.Bind(model.Parameters, arguments.Options, environment, root, engine.Profiles, masker);
        // Live rows only where the status line is drawn: a developer's interactive terminal, not a CI log.
        var live = host == CiHost.Terminal ? (output as RedactingTextWriter)?.Inner as LiveStatusLine : null;
        var session = new BuildSession(root, masker, host, store, output, environment, arguments.Forwarded, live);
        model.Build.Session = session;
        foreach (var parameter in model.Parameters)
        {
            if (store.TryGet(parameter.Name, out var value))
                parameter.Inject(model.Build, value);
        }

        if (engine.GenerateCi || engine.GenerateSchema)
            return Generate(output, root, model, engine.GenerateCi);

        var invoked = (arguments.Targets.Count > 0 ? arguments.Targets : model.DefaultTargets).Select(n => model.Find(n)!).Distinct().ToList();
        if (invoked.Count == 0)
            throw new InvocationException($"no target given and the build has no default; name one of: {string.Join(", ", model.Targets.Select(t => t.Name))}");
        foreach (var name in engine.Skip)
        {
            if (model.Find(name) is null)
                throw new InvocationException($"unknown target '{name}' in --skip{Suggestions.Hint(name, model.Targets.Select(t => t.Name))}");
        }
        var plan = Planner.Plan(invoked, engine.Skip, engine.SkipAllNonInvoked);
        Planner.ApplyStaticConditions(plan);

        if (engine.Plan)
        {
            PlanWriter.Write(output, plan);
            // A plan that could not run is not a plan: the same checks a run makes before its first target.
            Requirements.Check(model, plan);
            return 0;
        }

        Requirements.Check(model, plan);

        var hostOutput = CreateHost(host, output, invocation, environment, masker);
        if (!CheckCiFiles(root, model, host, hostOutput, error))
            return 1;
        hostOutput.BuildStarted(masker.Values);

        var stopwatch = Stopwatch.StartNew();
        var executor = new TargetExecutor(session, hostOutput, output, invocation.CancellationToken);
        if (engine.Parallel)
            await executor.RunParallelAsync(plan);
        else
            await executor.RunSequentialAsync(plan);
        var succeeded = plan.All(t => t.Status != TargetStatus.Failed && t.Status != TargetStatus.NotRun);
        hostOutput.Summary(plan, stopwatch.Elapsed, succeeded);
        if (executor.InvocationFailure is { } invocationFailure)
        {
            error.WriteLine($"error: {invocationFailure}");
            return 2;
        }
        return succeeded ? 0 : 1;
    }

    static HostOutput CreateHost(CiHost host, TextWriter output, BuildInvocation invocation, IReadOnlyDictionary<string, string?> environment,
        SecretMasker masker) => host switch
    {
        CiHost.GitHubActions => new GitHubActionsHost(output, invocation.Out, environment.GetValueOrDefault("GITHUB_STEP_SUMMARY"), masker.Redact),
        CiHost.Jenkins => new JenkinsHost(output),
        _ => new TerminalHost(output, invocation.Ansi, (output as RedactingTextWriter)?.Inner as LiveStatusLine),
    };

    /// <summary>Generated CI files must match the build: a CI host fails on a stale file, a terminal only warns.</summary>
    static bool CheckCiFiles(string root, BuildModel model, CiHost host, HostOutput hostOutput, TextWriter error)
    {
        var stale = CiFiles.FindStale(root, model.ToDescription());
        if (stale.Count == 0)
            return true;
        var message = $"{stale[0].RelativePath}{(stale.Count > 1 ? $" (and {stale.Count - 1} more)" : "")} is out of date with the build; run ./build.sh --generate-ci and commit the result";
        if (host == CiHost.Terminal)
        {
            hostOutput.Warning(message);
            return true;
        }
        error.WriteLine($"error: {message}");
        return false;
    }

    static int Generate(TextWriter output, string root, BuildModel model, bool ci)
    {
        var files = new List<GeneratedFile> { new(SchemaWriter.RelativePath, SchemaWriter.Generate(model.Parameters)) };
        if (ci)
            files.AddRange(CiFiles.Generate(model.ToDescription()));
        foreach (var file in files)
        {
            var path = Path.Combine(root, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var unchanged = File.Exists(path) && File.ReadAllText(path) == file.Content;
            if (!unchanged)
                File.WriteAllText(path, file.Content);
            output.WriteLine($"{(unchanged ? "unchanged" : "wrote")} {file.RelativePath}");
        }
        return 0;
    }

    /// <summary>
    /// Masks secret values before the command line is even parsed, so an error about a misplaced or invalid
    /// argument cannot echo one.
    /// </summary>
    static void RegisterSecretsEarly(BuildModel model, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, SecretMasker masker)
    {
        // The user-info of a URL anywhere in the invocation (an argument, a variable such as HTTPS_PROXY) is a secret too.
        foreach (var arg in args)
            masker.AddUrlCredentials(arg);
        foreach (var value in environment.Values)
            masker.AddUrlCredentials(value);
        foreach (var parameter in model.Parameters.Where(p => p.Description.IsSecret))
        {
            var d = parameter.Description;
            masker.Add(environment.GetValueOrDefault(d.EnvironmentVariable));
            if (d.ExplicitEnvironmentVariable is not null)
                masker.Add(environment.GetValueOrDefault(d.ExplicitEnvironmentVariable));
            var name = ParameterNames.Normalize(d.Name);
            for (var i = 0; i < args.Count; i++)
            {
                if (!args[i].StartsWith('-'))
                    continue;
                var body = args[i].TrimStart('-');
                var equals = body.IndexOf('=');
                if (equals >= 0 && ParameterNames.Normalize(body[..equals]) == name)
                    masker.Add(body[(equals + 1)..]);
                else if (ParameterNames.Normalize(body) == name && i + 1 < args.Count)
                    masker.Add(args[i + 1]);
            }
        }
    }

    static string FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        }
        return start;
    }

    static string OneLine(string message) => ControlCharacters.Escape(message.ReplaceLineEndings(" "));
}
