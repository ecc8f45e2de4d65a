using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>One round of checks: the app's answer (status, and the text its body must contain), then the Prometheus query.</summary>
internal sealed class CheckSet(AppRequester requester, VerificationEndpoint app, VerificationOptions options)
{
    /// <summary>The outcome of a round; <see cref="Fatal"/> when retrying cannot help (the API server refused the credentials or
    /// the proxy, or the Service does not exist).</summary>
    public sealed record Outcome(IReadOnlyList<VerificationCheck> Checks, (string Detail, ErrorText Remedy)? Fatal)
    {
        public bool Passed => Fatal is null && Checks.All(c => c.Passed);

        /// <summary>False when the round's first failure was the way to the app (the API server, its proxy, the Prometheus
        /// server), not the app's answer or its metrics; a fatal round never reached the app.</summary>
        public bool AppAtFault => Fatal is null && !WayFailed;

        /// <summary>Whether the round's first failed check failed on the way to the app.</summary>
        public bool WayFailed { get; init; }
    }

    public async Task<Outcome> RunAsync(TimeProvider clock, CancellationToken ct)
    {
        var checks = new List<VerificationCheck>();
        var at = clock.GetUtcNow();
        var relative = app is UrlEndpoint ? null : options.Path;
        var answer = await requester.GetAsync(app, relative, options.CheckTimeout, options.MaxBody, ct).ConfigureAwait(false);
        var (passed, detail) = JudgeApp(answer);
        checks.Add(new VerificationCheck(at, "http", passed, detail, answer.Elapsed));
        if (Fatal(answer, app, KubernetesInputs.VerifyService) is { } fatal)
            return new Outcome(checks, (detail, fatal));
        bool? wayFailed = passed ? null : ThroughTheCluster(answer, app);
        if (options.Prometheus is { } prometheus)
        {
            at = clock.GetUtcNow();
            var query = "/api/v1/query?query=" + Uri.EscapeDataString(prometheus.Query);
            var result = await requester.GetAsync(prometheus.Server, query, options.CheckTimeout, options.MaxBody, ct).ConfigureAwait(false);
            var (ok, line) = PrometheusAnswer.Judge(result, prometheus);
            checks.Add(new VerificationCheck(at, "prometheus", ok, line, result.Elapsed));
            if (Fatal(result, prometheus.Server, KubernetesInputs.PrometheusService) is { } fatalQuery)
                return new Outcome(checks, (line, fatalQuery));
            // The app's metrics out of bounds are the app's; a Prometheus server that does not answer is not.
            if (!ok)
                wayFailed ??= result is not { Problem: null, ApiStatus: null, Status: >= 200 and < 300 };
        }
        return new Outcome(checks, null) { WayFailed = wayFailed ?? false };
    }

    // Through the service proxy, a request that got no answer, or the API server's own status, says nothing of the app; but
    // the proxy's 503 ("no endpoints available", "error trying to reach service") says its pods are not ready or refuse.
    private static bool ThroughTheCluster(AppAnswer answer, VerificationEndpoint endpoint) =>
        endpoint is ServiceProxyEndpoint && (answer.Problem is not null || answer.ApiStatus is not null && answer.Status != 503);

    private (bool, string) JudgeApp(AppAnswer answer)
    {
        var request = app is UrlEndpoint url ? $"GET {url.Address}" : $"GET {options.Path}";
        if (answer.Problem is { } problem)
            return (false, $"{request} {ControlCharacters.Escape(problem)}");
        if (answer.ApiStatus is { } api)
            return (false, $"{request}: the API server answered {answer.Status} ({Quote(api)})");
        if (!options.AcceptedStatus.Accepts(answer.Status))
            return (false, $"{request} answered {answer.Status} (accepted: {options.AcceptedStatus}): {Quote(answer.Body)}");
        var read = answer.Truncated ? $" (more than {options.MaxBody / 1024} KiB: the rest was not read)" : "";
        if (options.BodyMustContain.FirstOrDefault(t => !answer.Body.Contains(t, StringComparison.Ordinal)) is { } missing)
            return (false, $"{request} answered {answer.Status} but its body{read} does not contain '{ControlCharacters.Escape(missing)}': {Quote(answer.Body)}");
        var contains = options.BodyMustContain.Count == 0 ? "" : $", with {string.Join(" and ", options.BodyMustContain.Select(t => $"'{ControlCharacters.Escape(t)}'"))}";
        return (true, $"{request} answered {answer.Status}{contains} in {answer.Elapsed.TotalMilliseconds:0}ms{read}");
    }

    // The API server's own refusals: retrying through the grace period would only delay the same answer.
    private static ErrorText? Fatal(AppAnswer answer, VerificationEndpoint endpoint, Input service)
    {
        if (answer.ApiStatus is null || endpoint is not ServiceProxyEndpoint proxied)
            return null;
        return answer.Status switch
        {
            401 => ErrorText.Of($"renew the credentials of the {KubernetesInputs.Kubeconfig}'s user"),
            403 => ErrorText.Of($"let the kubeconfig's user get services/proxy in namespace {proxied.Address.Namespace} (RBAC; see deploy/rbac.yaml)"),
            404 => ErrorText.Of($"check the {service} (`kubectl get services -n {proxied.Address.Namespace}`)"),
            _ => null,
        };
    }

    private static string Quote(string body)
    {
        var text = body.ReplaceLineEndings(" ").Trim();
        return ControlCharacters.Escape(text.Length <= 160 ? text : text[..160] + "…");
    }
}
