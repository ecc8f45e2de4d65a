using Pipelines.Containers.Registry;
using Pipelines.Testing.Docker;

namespace Pipelines.Containers.Tests.Registry;

/// <summary>The OCI registry client against the real CNCF registry with htpasswd auth.</summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class RegistryClient(ContainerParts parts)
{
    OciRegistryClient Client(string? password = null) => new(new RegistryClientOptions(parts.Registry.Host)
    {
        Credentials = new RegistryCredentials(parts.Registry.Username, password ?? parts.Registry.Password),
    });

    [Fact]
    public async Task Head_tells_whether_a_tag_exists_and_its_digest()
    {
        var digest = await parts.SeedImageAsync("client/head", "v1", "head");
        using var client = Client();

        var found = await client.HeadManifestAsync("client/head", "v1");
        var missing = await client.HeadManifestAsync("client/head", "v2");

        Assert.Equal(digest, found?.Digest);
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", found?.MediaType);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Retag_copies_the_exact_manifest_without_touching_layers()
    {
        var digest = await parts.SeedImageAsync("client/retag", "abc1234", "retag");
        using var client = Client();

        var copied = await client.RetagAsync("client/retag", "abc1234", "release-1");

        Assert.Equal(digest, copied.Digest);
        var manifest = await client.GetManifestAsync("client/retag", "release-1");
        Assert.Equal(digest, manifest.Digest);
        Assert.Equal(digest, (await client.HeadManifestAsync("client/retag", "release-1"))?.Digest);
    }

    [Fact]
    public async Task Wrong_password_gives_a_one_line_error_naming_the_user()
    {
        using var client = Client(password: "wrong-password");

        var error = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => client.HeadManifestAsync("client/any", "v1"));

        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"user '{parts.Registry.Username}'", error.Message);
        Assert.DoesNotContain("wrong-password", error.Message);
    }

    [Fact]
    public async Task No_credentials_say_credentials_are_required()
    {
        using var client = new OciRegistryClient(new RegistryClientOptions(parts.Registry.Host));

        var error = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => client.CheckAccessAsync());

        Assert.Contains("requires credentials", error.Message);
    }

    [Fact]
    public async Task Labels_are_read_from_the_config_blob()
    {
        await parts.SeedImageAsync("client/labels", "v1", "labelled");
        using var client = Client();

        var labels = await client.GetLabelsAsync("client/labels", "v1");

        Assert.Equal("labelled", labels["seed"]);
    }
}
