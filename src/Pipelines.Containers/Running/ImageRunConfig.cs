using System.Globalization;
using System.Text.Json;
using Pipelines.Containers.Building;
using Pipelines.Tooling;

namespace Pipelines.Containers.Running;

/// <summary>What an image says about running it: the TCP ports it exposes and whether it declares a <c>HEALTHCHECK</c>.</summary>
/// <param name="ExposedTcpPorts">The <c>EXPOSE</c>d TCP ports, ascending.</param>
/// <param name="HasHealthcheck">Whether a <c>HEALTHCHECK</c> other than <c>NONE</c> is declared.</param>
internal sealed record ImageRunConfig(IReadOnlyList<int> ExposedTcpPorts, bool HasHealthcheck)
{
    /// <summary>Reads the image's config from the engine.</summary>
    public static async Task<ImageRunConfig> ReadAsync(DockerEngine docker, string image, CancellationToken ct)
    {
        var inspected = await docker.RunAsync(["image", "inspect", "--format", "{{json .Config}}", image], quiet: true, throwOnError: false, ct: ct).ConfigureAwait(false);
        if (!inspected.Succeeded)
            throw new PipelinesException(FailureKind.Failure, ContainerInputs.Engine, $"at {docker.Host} has no image {image}",
                $"build it first (DockerBuild), or load it into that engine");
        using var config = JsonDocument.Parse(inspected.StandardOutput);
        var root = config.RootElement;
        var ports = new List<int>();
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ExposedPorts", out var exposed) && exposed.ValueKind == JsonValueKind.Object)
        {
            foreach (var port in exposed.EnumerateObject())
            {
                var (number, protocol) = port.Name.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? (port.Name[..slash], port.Name[(slash + 1)..]) : (port.Name, "tcp");
                if (protocol == "tcp" && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    ports.Add(value);
            }
        }
        var healthcheck = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Healthcheck", out var check) && check.ValueKind == JsonValueKind.Object
            && check.TryGetProperty("Test", out var test) && test.ValueKind == JsonValueKind.Array && test.GetArrayLength() > 0
            && test[0].GetString() != "NONE";
        ports.Sort();
        return new ImageRunConfig(ports, healthcheck);
    }

    /// <summary>The port to request: the one given, else the single exposed TCP port.</summary>
    /// <exception cref="ContainerInputException">None is given and the image exposes none or several.</exception>
    public int PortToTest(string image, int? given) => given ?? ExposedTcpPorts.Count switch
    {
        1 => ExposedTcpPorts[0],
        0 => throw new ContainerInputException(ContainerInputs.ContainerPort, $"is not given and {image} declares no EXPOSE",
            $"give the port the app listens on, or add EXPOSE to the Dockerfile"),
        _ => throw new ContainerInputException(ContainerInputs.ContainerPort, $"is not given and {image} exposes {string.Join(", ", ExposedTcpPorts)}",
            $"give the one that serves HTTP"),
    };
}
