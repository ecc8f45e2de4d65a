using System.Text;
using Pipelines.Planning;

namespace Pipelines.CiGeneration;

/// <summary>Writes the declarative <c>Jenkinsfile</c> a <see cref="JenkinsAttribute"/> declares.</summary>
/// <remarks>Stages run one after another in one workspace, so outputs of earlier stages are already on disk and
/// each stage skips every target an earlier stage ran.</remarks>
internal static partial class Jenkinsfile
{
    public static GeneratedFile Generate(BuildDescription build, JenkinsAttribute jenkins)
    {
        const string owner = "[Jenkins]";
        if (jenkins.AgentLabel is not null && jenkins.KubernetesPodTemplate is not null)
            throw new CiConfigurationException($"{owner}: both AgentLabel and KubernetesPodTemplate are set; keep one");
        var imported = ParameterLookup.Resolve(build, jenkins.ImportSecrets, $"{owner} ImportSecrets", secretsOnly: true);
        var token = jenkins.ConfigRepoToken is { } tokenName
            ? ParameterLookup.Resolve(build, [tokenName], $"{owner} ConfigRepoToken", secretsOnly: true)[0]
            : null;
        var signing = SigningBindings(build, jenkins, owner);
        // The config-repo token and the signing key are bound from their own credentials, even when ImportSecrets lists them too.
        var bindings = imported.Where(s => s.Name != token?.Name && signing.Parameters.All(p => p.Name != s.Name))
            .Select(s => $"string(credentialsId: {GroovyText.Quote(s.Name)}, variable: {GroovyText.Quote(s.EnvironmentVariable)})").ToList();
        if (token is not null)
            bindings.Add(ConfigRepoBinding(jenkins, token, owner));
        bindings.AddRange(signing.Bindings);
        var jobs = CiJobPlan.Create(build, jenkins.InvokedTargets, owner);

        var text = new GroovyText();
        text.Open("pipeline");
        Agent(text, jenkins);
        var options = new List<string>();
        if (jenkins.TimeoutMinutes > 0) options.Add($"timeout(time: {jenkins.TimeoutMinutes}, unit: 'MINUTES')");
        if (jenkins.DisableConcurrentBuilds) options.Add("disableConcurrentBuilds()");
        text.Block("options", options);
        var triggers = new List<string>();
        if (jenkins.GitHubPush) triggers.Add("githubPush()");
        if (!string.IsNullOrEmpty(jenkins.PollScm)) triggers.Add($"pollSCM({GroovyText.Quote(jenkins.PollScm)})");
        if (!string.IsNullOrEmpty(jenkins.Cron)) triggers.Add($"cron({GroovyText.Quote(jenkins.Cron)})");
        text.Block("triggers", triggers);

        text.Open("stages");
        foreach (var job in jobs) Stage(text, job, bindings, jenkins.Profiles);
        text.Close();

        var post = new List<string>();
        if (!string.IsNullOrEmpty(jenkins.ArchiveArtifacts))
            post.Add($"archiveArtifacts(artifacts: {GroovyText.Quote(jenkins.ArchiveArtifacts)}, allowEmptyArchive: true)");
        if (!string.IsNullOrEmpty(jenkins.JUnitReports))
            post.Add($"junit(testResults: {GroovyText.Quote(jenkins.JUnitReports)}, allowEmptyResults: true)");
        if (post.Count > 0)
        {
            text.Open("post");
            text.Block("always", post);
            text.Close();
        }
        text.Close();
        return new GeneratedFile("Jenkinsfile", CiFileHeader.For(build, "//") + text);
    }

    private static string ConfigRepoBinding(JenkinsAttribute jenkins, ParameterDescription token, string owner)
    {
        var credential = jenkins.ConfigRepoCredential ?? token.Name;
        if (credential.Length == 0 || credential.Any(char.IsControl))
            throw new CiConfigurationException($"{owner}: ConfigRepoCredential is empty or holds control characters; give the Jenkins credential id");
        return jenkins.ConfigRepoCredentialKind == JenkinsCredentialKind.GitHubApp
            // The GitHub Branch Source app credential is a username/password pair whose password is an installation token.
            ? $"usernamePassword(credentialsId: {GroovyText.Quote(credential)},\n    usernameVariable: 'GITHUB_APP', passwordVariable: {GroovyText.Quote(token.EnvironmentVariable)})"
            : $"string(credentialsId: {GroovyText.Quote(credential)}, variable: {GroovyText.Quote(token.EnvironmentVariable)})";
    }

    private static void Agent(GroovyText text, JenkinsAttribute jenkins)
    {
        if (jenkins.KubernetesPodTemplate is { } pod)
        {
            text.Open("agent");
            var lines = new List<string> { $"yamlFile {GroovyText.Quote(pod)}" };
            if (jenkins.KubernetesDefaultContainer is { } container) lines.Add($"defaultContainer {GroovyText.Quote(container)}");
            text.Block("kubernetes", lines);
            text.Close();
        }
        else if (jenkins.AgentLabel is { } label)
        {
            text.Block("agent", [$"label {GroovyText.Quote(label)}"]);
        }
        else
        {
            text.Line("agent any");
        }
    }

    private static void Stage(GroovyText text, CiJob job, IReadOnlyList<string> bindings, IReadOnlyList<string> profiles)
    {
        text.Open($"stage({GroovyText.Quote(job.DisplayName)})");
        foreach (var comment in job.CommentsWhenSequential)
            text.Line("// " + comment);
        if (job.Environment is { } environment)
            text.Block("input", [$"message {GroovyText.Quote($"Deploy to {environment}?")}", $"ok {GroovyText.Quote($"Deploy to {environment}")}"]);
        text.Open("steps");
        var command = $"sh {GroovyText.Quote(job.Command(sequential: true, profiles))}";
        if (bindings.Count == 0)
        {
            text.Line(command);
        }
        else
        {
            // One binding a line keeps lines short however many secrets there are.
            text.Line("withCredentials([");
            text.Indent(bindings.Select((b, i) => b + (i < bindings.Count - 1 ? "," : "")));
            text.Open("])");
            text.Line(command);
            text.Close();
        }
        text.Close();
        text.Close();
    }

    /// <summary>Indented Groovy with balanced braces.</summary>
    private sealed class GroovyText
    {
        private readonly StringBuilder _text = new();
        private int _depth;

        /// <summary>One line, or several when <paramref name="line"/> holds line breaks (each indented at this depth).</summary>
        public void Line(string line)
        {
            foreach (var part in line.Split('\n')) _text.Append(' ', _depth * 4).Append(part).Append('\n');
        }

        public void Indent(IEnumerable<string> lines)
        {
            _depth++;
            foreach (var line in lines) Line(line);
            _depth--;
        }

        public void Open(string head)
        {
            Line(head + " {");
            _depth++;
        }

        public void Close()
        {
            _depth--;
            Line("}");
        }

        /// <summary>A block of plain lines; nothing at all when there are none.</summary>
        public void Block(string head, IReadOnlyList<string> lines)
        {
            if (lines.Count == 0) return;
            Open(head);
            foreach (var line in lines) Line(line);
            Close();
        }

        /// <summary>A single-quoted Groovy string: no interpolation, so nothing in it is expanded.</summary>
        public static string Quote(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

        public override string ToString() => _text.ToString();
    }
}
