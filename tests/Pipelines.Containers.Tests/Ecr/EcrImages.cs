using Amazon.Runtime;
using Pipelines.Containers.Ecr;
using Pipelines.Testing.Docker;

namespace Pipelines.Containers.Tests.Ecr;

/// <summary>DescribeImages, BatchGetImage, PutImage and scan findings through the stand-in, with images in the real registry.</summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class EcrImages(ContainerParts parts)
{
    EcrClient Client() => new(new EcrClientOptions("cn-northwest-1", new BasicAWSCredentials(parts.Ecr.AccessKey, parts.Ecr.SecretKey)) { Endpoint = parts.Ecr.Endpoint });

    [Fact]
    public async Task Describe_get_and_put_keep_the_manifest_and_digest()
    {
        var name = "img-" + Guid.NewGuid().ToString("N")[..6];
        parts.Ecr.AddRepository(name, immutable: true);
        var digest = await parts.SeedImageAsync(name, "abc1234", "ecr-images");
        using var ecr = Client();

        var described = await ecr.DescribeImageAsync(name, "abc1234");
        var missing = await ecr.DescribeImageAsync(name, "nope");
        var manifest = await ecr.BatchGetImageAsync(name, "abc1234");
        var put = await ecr.PutImageAsync(name, "release-1", manifest!);

        Assert.Equal(digest, described?.Digest);
        Assert.Null(missing);
        Assert.Equal(digest, manifest?.Digest);
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest?.MediaType);
        Assert.Equal(digest, put.Digest);
        Assert.Equal(digest, (await ecr.DescribeImageAsync(name, "release-1"))?.Digest);
    }

    [Fact]
    public async Task Putting_another_image_under_an_immutable_tag_is_a_typed_error()
    {
        var name = "imm-" + Guid.NewGuid().ToString("N")[..6];
        parts.Ecr.AddRepository(name, immutable: true);
        await parts.SeedImageAsync(name, "v1", "one");
        await parts.SeedImageAsync(name, "v2", "two");
        using var ecr = Client();
        var other = await ecr.BatchGetImageAsync(name, "v2");

        var error = await Assert.ThrowsAsync<EcrImageTagAlreadyExistsException>(() => ecr.PutImageAsync(name, "v1", other!));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("immutable", error.Message);
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
