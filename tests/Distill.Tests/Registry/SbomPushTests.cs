using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Distill.Tests.EndToEnd;
using Distill.Tests.Sbom;

namespace Distill.Tests.Registry;

/// <summary>
/// Builds static with --sbom to a docker-registry 2.8, which has no referrers API, so the SBOM artifacts are
/// listed under the fallback tag "sha256-HEX". The tests read them back with `distill sbom` and skopeo.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SbomPushTests(AnonymousRegistryFixture fixture) : IClassFixture<AnonymousRegistryFixture>
{
    [Fact]
    public async Task PushedSbomReadsBack()
    {
        var reference = fixture.Server.Reference("sbom/static:v1");

        var digest = (await BuildAsync(reference, ["--arch", "amd64", "--sbom", "spdx,cyclonedx"])).LastDigest();
        var spdx = await DistillProcess.RunSuccessfullyAsync(["sbom", reference, "--format", "spdx"]);
        var cycloneDx = await DistillProcess.RunSuccessfullyAsync(["sbom", reference, "--format", "cyclonedx"]);

        var raw = JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--raw", "--tls-verify=false", reference))!;
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", raw["mediaType"]!.GetValue<string>());
        var inspected = JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--tls-verify=false", reference))!;
        Assert.Equal(digest, inspected["Digest"]!.GetValue<string>());
        var document = JsonNode.Parse(spdx.StandardOutput)!;
        Assert.Equal($"{fixture.Server.Host}/sbom/static:v1", document["name"]!.GetValue<string>());
        Assert.Equal(digest, document["packages"]![0]!["versionInfo"]!.GetValue<string>());
        var bom = System.Text.Encoding.UTF8.GetBytes(cycloneDx.StandardOutput);
        Assert.Empty(SbomSchemas.Validate(SbomSchemas.CycloneDx16, bom));
        Assert.Equal(digest, JsonNode.Parse(bom)!["metadata"]!["component"]!["bom-ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task FallbackTagListsEachArtifactOnce()
    {
        var reference = fixture.Server.Reference("sbom/fallback:v1");
        var digest = (await BuildAsync(reference, ["--arch", "amd64", "--sbom", "spdx,cyclonedx"])).LastDigest();

        await BuildAsync(reference, ["--arch", "amd64", "--sbom", "spdx,cyclonedx"]);

        using var http = new HttpClient();
        using var referrers = await http.GetAsync($"http://{fixture.Server.Host}/v2/sbom/fallback/referrers/{digest}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, referrers.StatusCode);
        var fallbackTag = "sha256-" + digest["sha256:".Length..];
        var index = JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--raw", "--tls-verify=false",
            fixture.Server.Reference($"sbom/fallback:{fallbackTag}")))!;
        Assert.Equal("application/vnd.oci.image.index.v1+json", index["mediaType"]!.GetValue<string>());
        var entries = index["manifests"]!.AsArray();
        Assert.Equal(
            [SbomArtifacts.SpdxType, SbomArtifacts.CycloneDxType],
            entries.Select(entry => entry!["artifactType"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        foreach (var entry in entries)
        {
            var artifactDigest = entry!["digest"]!.GetValue<string>();
            var manifest = JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--raw", "--tls-verify=false",
                fixture.Server.Reference($"sbom/fallback@{artifactDigest}")))!;
            Assert.Equal(digest, manifest["subject"]!["digest"]!.GetValue<string>());
            Assert.Equal(SbomArtifacts.EmptyDigest, manifest["config"]!["digest"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task EachArchitectureImageGetsSbom()
    {
        var reference = fixture.Server.Reference("sbom/multi:v1");
        await BuildAsync(reference, ["--arch", "amd64,arm64", "--sbom", "cyclonedx"]);

        var index = JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--raw", "--tls-verify=false", reference))!;
        var images = index["manifests"]!.AsArray().ToDictionary(
            entry => entry!["platform"]!["architecture"]!.GetValue<string>(),
            entry => entry!["digest"]!.GetValue<string>());
        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            var result = await DistillProcess.RunSuccessfullyAsync(
                ["sbom", reference, "--format", "cyclonedx", "--arch", architecture]);
            var bomRef = JsonNode.Parse(result.StandardOutput)!["metadata"]!["component"]!["bom-ref"]!;
            Assert.Equal(images[architecture], bomRef.GetValue<string>());
        }
    }

    [Fact]
    public async Task SbomCommandRejectsImageWithoutSbom()
    {
        var reference = fixture.Server.Reference("sbom/none:v1");
        await BuildAsync(reference, ["--arch", "amd64"]);

        var result = await DistillProcess.RunAsync(["sbom", reference, "--format", "cyclonedx"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("distill: error:", result.StandardError);
        Assert.Contains("--sbom cyclonedx", result.StandardError);
    }

    private static Task<DistillResult> BuildAsync(string reference, string[] arguments) =>
        DistillProcess.RunSuccessfullyAsync(["build", "static", .. arguments, "--output", reference]);
}
