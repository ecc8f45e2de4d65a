using Pipelines.Parameters;

namespace Pipelines.Execution;

/// <summary>
/// Splits arguments into targets and options. Targets come first; a bare word after an option is accepted only
/// when it names a target, so a stray value is reported instead of silently ignored. Everything after <c>--</c> is kept
/// as it is for the build to forward (<see cref="IPipelineBuild.ForwardedArguments"/>).
/// </summary>
internal static class CommandLine
{
    /// <param name="args">The arguments.</param>
    /// <param name="options">Every known option (engine and parameters) by normalized name: canonical name and kind.</param>
    /// <param name="targetNames">Every target name.</param>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, (string Name, OptionKind Kind)> options,
        IReadOnlyCollection<string> targetNames)
    {
        var parsed = new ParsedArguments();
        string? lastOption = null;
        var i = 0;
        while (i < args.Count)
        {
            var arg = args[i++];
            if (arg == "--")
            {
                parsed.Forwarded.AddRange(args.Skip(i));
                break;
            }
            if (arg is "-h" or "-?" or "/?")
                arg = "--help";
            if (arg.StartsWith('-') && arg.Length > 1 && !IsNumber(arg))
            {
                var body = arg.TrimStart('-');
                string? inline = null;
                var equals = body.IndexOf('=');
                if (equals >= 0)
                {
                    inline = body[(equals + 1)..];
                    body = body[..equals];
                }
                if (!options.TryGetValue(ParameterNames.Normalize(body), out var option))
                {
                    var names = options.Values.Select(o => o.Name).Distinct().ToList();
                    throw new InvocationException($"unknown parameter '--{body}'{Suggestions.Hint(body, names, "--")}; run with --help to list parameters");
                }
                var values = new List<string>();
                if (inline is not null)
                    values.Add(inline);
                else
                {
                    switch (option.Kind)
                    {
                        case OptionKind.Flag:
                            if (i < args.Count && args[i].ToLowerInvariant() is "true" or "false")
                                values.Add(args[i++]);
                            break;
                        case OptionKind.Value:
                            if (i >= args.Count || IsOption(args[i]))
                                throw new InvocationException($"--{option.Name} needs a value: --{option.Name} <value>");
                            values.Add(args[i++]);
                            break;
                        case OptionKind.List:
                        case OptionKind.OptionalList:
                            while (i < args.Count && !IsOption(args[i]))
                                values.Add(args[i++]);
                            if (values.Count == 0 && option.Kind == OptionKind.List)
                                throw new InvocationException($"--{option.Name} needs at least one value: --{option.Name} <value>...");
                            break;
                    }
                }
                if (parsed.Options.TryGetValue(option.Name, out var existing) && option.Kind is OptionKind.List or OptionKind.OptionalList)
                    existing.Values.AddRange(values);
                else
                    parsed.Options[option.Name] = (arg, values);
                lastOption = option.Name;
                continue;
            }

            var target = targetNames.FirstOrDefault(t => string.Equals(t, arg, StringComparison.OrdinalIgnoreCase));
            if (target is not null)
            {
                parsed.Targets.Add(target);
                continue;
            }
            if (lastOption is not null)
            {
                throw new InvocationException($"misplaced argument '{arg}' after --{lastOption}: it is neither a target nor a value "
                    + $"--{lastOption} takes{Suggestions.Hint(arg, targetNames)}; put targets first and quote values with spaces");
            }
            throw new InvocationException($"unknown target '{arg}'{Suggestions.Hint(arg, targetNames)}; run with --help to list targets");
        }
        return parsed;
    }

    // "--" itself ends the options: it is never taken as a value.
    static bool IsOption(string arg) => arg.StartsWith("--", StringComparison.Ordinal);

    static bool IsNumber(string arg) => arg.Length > 1 && char.IsDigit(arg[1]);
}
