using Amazon.Runtime;
using Pipelines.Containers.Ecr;
using Pipelines.Testing.Docker;

namespace Pipelines.Containers.Tests.Ecr;

/// <summary>BatchGetImage and scan findings through the stand-in, with images in the real registry.</summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class EcrImages(ContainerParts parts)
{
    EcrClient Client() => new(new EcrClientOptions("cn-northwest-1", new BasicAWSCredentials(parts.Ecr.AccessKey, parts.Ecr.SecretKey)) { Endpoint = parts.Ecr.Endpoint });

    [Fact]
    public async Task BatchGetImage_keeps_the_manifest_and_digest_and_a_missing_tag_is_null()
    {
        var name = "img-" + Guid.NewGuid().ToString("N")[..6];
        parts.Ecr.AddRepository(name, immutable: true);
        var digest = await parts.SeedImageAsync(name, "abc1234", "ecr-images");
        using var ecr = Client();

        var manifest = await ecr.BatchGetImageAsync(name, "abc1234");
        var byDigest = await ecr.BatchGetImageAsync(name, digest);
        var missing = await ecr.BatchGetImageAsync(name, "nope");

        Assert.Equal(digest, manifest?.Digest);
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest?.MediaType);
        Assert.Equal(manifest?.Manifest, byDigest?.Manifest);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Scan_findings_come_most_severe_first()
    {
        var name = "scan-" + Guid.NewGuid().ToString("N")[..6];
        parts.Ecr.AddRepository(name, immutable: true);
        var digest = await parts.SeedImageAsync(name, "v1", "scan");
        parts.Ecr.SetScanFindings(name, "COMPLETE", ("CVE-1", "LOW"), ("CVE-2", "CRITICAL"), ("CVE-3", "MEDIUM"));
        using var ecr = Client();

        var scan = await ecr.DescribeImageScanFindingsAsync(name, digest);

        Assert.Equal("COMPLETE", scan.Status);
        Assert.Equal([ScanSeverity.Critical, ScanSeverity.Medium, ScanSeverity.Low], scan.Findings.Select(f => f.Severity));
    }

    [Fact]
    public async Task A_missing_repository_is_a_typed_one_line_error()
    {
        using var ecr = Client();

        var error = await Assert.ThrowsAsync<EcrRepositoryNotFoundException>(() => ecr.DescribeImageScanFindingsAsync("does-not-exist", "sha256:" + new string('0', 64)));

        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith("ECR DescribeImageScanFindings in cn-northwest-1 failed: RepositoryNotFoundException", error.Message);
    }
}
