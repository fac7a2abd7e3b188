using System.Text.Json.Nodes;
using Distill.Tests.Layers;
using Distill.Tests.Sbom;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Builds static with --sbom into OCI layouts and docker archives, reads the SBOM artifacts back from the
/// files and with `distill sbom`, and checks that skopeo and umoci still read the tagged image beside them.
/// </summary>
public sealed class SbomBuildTests : IDisposable
{
    private const string Tag = "static";

    private const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task LayoutGetsOneArtifactPerFormat()
    {
        var layout = new OciLayoutFiles(directory.Combine("layout"));

        var digest = await BuildAsync(layout.Directory, ["--arch", "amd64"], ["--sbom", "spdx,cyclonedx"]);

        var entries = SbomArtifacts.ArtifactEntries(layout);
        Assert.Equal(
            [SbomArtifacts.SpdxType, SbomArtifacts.CycloneDxType],
            entries.Select(entry => entry["artifactType"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var image = layout.ReadJsonBlob(digest);
        foreach (var entry in entries)
        {
            var artifactType = entry["artifactType"]!.GetValue<string>();
            Assert.Null(entry["annotations"]?[RefNameAnnotation]);
            Assert.NotNull(entry["annotations"]?["distill.sbom.format"]);
            var manifest = layout.ReadJsonBlob(entry["digest"]!.GetValue<string>());
            Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest["mediaType"]!.GetValue<string>());
            Assert.Equal(artifactType, manifest["artifactType"]!.GetValue<string>());
            Assert.Equal(SbomArtifacts.EmptyMediaType, manifest["config"]!["mediaType"]!.GetValue<string>());
            Assert.Equal(SbomArtifacts.EmptyDigest, manifest["config"]!["digest"]!.GetValue<string>());
            Assert.Equal(2, manifest["config"]!["size"]!.GetValue<long>());
            Assert.Equal("{}", File.ReadAllText(layout.BlobPath(SbomArtifacts.EmptyDigest)));
            Assert.Equal(artifactType, manifest["layers"]![0]!["mediaType"]!.GetValue<string>());
            Assert.Equal(digest, manifest["subject"]!["digest"]!.GetValue<string>());
            Assert.Equal(image["mediaType"]!.GetValue<string>(), manifest["subject"]!["mediaType"]!.GetValue<string>());
            Assert.Equal(new FileInfo(layout.BlobPath(digest)).Length, manifest["subject"]!["size"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task SpdxNamesEveryInstalledPackage()
    {
        var layout = new OciLayoutFiles(directory.Combine("layout"));
        var digest = await BuildAsync(layout.Directory, ["--arch", "amd64"], ["--sbom", "spdx"]);

        var (subject, content) = SbomArtifacts.Read(layout, Assert.Single(SbomArtifacts.ArtifactEntries(layout)));

        Assert.Equal(digest, subject);
        var document = JsonNode.Parse(content)!;
        Assert.Equal("SPDX-2.3", document["spdxVersion"]!.GetValue<string>());
        Assert.Equal(Tag, document["name"]!.GetValue<string>());
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in document["packages"]!.AsArray().Skip(1))
        {
            var name = package!["name"]!.GetValue<string>();
            var version = package["versionInfo"]!.GetValue<string>();
            var purl = package["externalRefs"]!.AsArray()
                .Single(reference => reference!["referenceType"]!.GetValue<string>() == "purl")!["referenceLocator"]!
                .GetValue<string>();
            Assert.StartsWith($"pkg:deb/debian/{name}@", purl);
            Assert.Contains("distro=debian-13", purl);
            var versionInPurl = Uri.UnescapeDataString(purl[(purl.IndexOf('@') + 1)..purl.IndexOf('?')]);
            Assert.Equal(version, versionInPurl);
            var architecture = purl.Split('?')[1].Split('&').Single(pair => pair.StartsWith("arch="))["arch=".Length..];
            listed.Add($"{name} {version} {architecture}");
        }

        var installed = SbomArtifacts.InstalledPackages(layout, digest);
        Assert.NotEmpty(installed);
        Assert.Equal(installed.Order(), listed.Order());
    }

    [Fact]
    public async Task SbomListsAddedFilesWithDigest()
    {
        var layout = directory.Combine("layout");
        var added = directory.Combine("settings.json");
        File.WriteAllText(added, "{\"port\": 8080}\n");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(added)));
        await BuildAsync(layout, ["--arch", "amd64", "--add", $"{added}:/app/settings.json"], ["--sbom", "spdx,cyclonedx"]);

        var spdx = JsonNode.Parse((await DistillProcess.RunSuccessfullyAsync(
            ["sbom", $"oci:{layout}:{Tag}", "--format", "spdx"])).StandardOutput)!;
        var cyclonedx = await DistillProcess.RunSuccessfullyAsync(["sbom", $"oci:{layout}:{Tag}", "--format", "cyclonedx"]);

        var file = spdx["files"]!.AsArray().Single(node => node!["fileName"]!.GetValue<string>() == "./app/settings.json")!;
        var checksum = file["checksums"]!.AsArray().Single(node => node!["algorithm"]!.GetValue<string>() == "SHA256")!;
        Assert.Equal(expected, checksum["checksumValue"]!.GetValue<string>());
        Assert.Contains(expected, cyclonedx.StandardOutput);
        Assert.Empty(SbomSchemas.Validate(SbomSchemas.CycloneDx16, System.Text.Encoding.UTF8.GetBytes(cyclonedx.StandardOutput)));
    }

    [Fact]
    public async Task SbomCommandPrintsValidCycloneDx()
    {
        var layout = directory.Combine("layout");
        var digest = await BuildAsync(layout, ["--arch", "amd64"], ["--sbom", "cyclonedx"]);

        var result = await DistillProcess.RunSuccessfullyAsync(["sbom", $"oci:{layout}:{Tag}", "--format", "cyclonedx"]);

        var bom = System.Text.Encoding.UTF8.GetBytes(result.StandardOutput);
        Assert.Empty(SbomSchemas.Validate(SbomSchemas.CycloneDx16, bom));
        var document = JsonNode.Parse(bom)!;
        Assert.Equal(digest, document["metadata"]!["component"]!["bom-ref"]!.GetValue<string>());
        Assert.NotEmpty(document["components"]!.AsArray());
    }

    [Fact]
    public async Task SkopeoAndUmociReadTaggedImage()
    {
        var layout = directory.Combine("layout");
        var digest = await BuildAsync(layout, ["--arch", "amd64"], ["--sbom", "spdx,cyclonedx"]);

        var raw = HostTool.RunChecked("skopeo", "inspect", "--raw", $"oci:{layout}:{Tag}");
        HostTool.RunChecked("umoci", "unpack", "--rootless", "--image", $"{layout}:{Tag}", directory.Combine("bundle"));
        var tags = HostTool.RunChecked("umoci", "ls", "--layout", layout);

        Assert.Equal(File.ReadAllText(new OciLayoutFiles(layout).BlobPath(digest)), raw);
        Assert.True(File.Exists(directory.Combine("bundle", "rootfs", "etc", "passwd")), "umoci unpacked no rootfs");
        Assert.Equal([Tag], tags.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task InspectWithoutTagSkipsArtifacts()
    {
        var layout = directory.Combine("layout");
        var digest = await BuildAsync(layout, ["--arch", "amd64"], ["--sbom", "spdx"]);

        var result = await DistillProcess.RunSuccessfullyAsync(["inspect", "--json", $"oci:{layout}"]);

        Assert.Contains(digest, result.StandardOutput);
    }

    [Fact]
    public async Task EachArchitectureImageGetsSbom()
    {
        var layout = new OciLayoutFiles(directory.Combine("layout"));
        var indexDigest = await BuildAsync(layout.Directory, ["--arch", "amd64,arm64"], ["--sbom", "spdx,cyclonedx"]);

        var images = layout.ReadJsonBlob(indexDigest)["manifests"]!.AsArray()
            .ToDictionary(entry => entry!["platform"]!["architecture"]!.GetValue<string>(),
                entry => entry!["digest"]!.GetValue<string>());
        var entries = SbomArtifacts.ArtifactEntries(layout);
        var spdxSubjects = entries
            .Where(entry => entry["artifactType"]!.GetValue<string>() == SbomArtifacts.SpdxType)
            .Select(entry => SbomArtifacts.Read(layout, entry).Subject);
        var arm64 = await DistillProcess.RunSuccessfullyAsync(
            ["sbom", $"oci:{layout.Directory}:{Tag}", "--format", "cyclonedx", "--arch", "arm64"]);
        var amd64 = await DistillProcess.RunSuccessfullyAsync(
            ["sbom", $"oci:{layout.Directory}:{Tag}", "--format", "cyclonedx", "--arch", "amd64"]);

        Assert.Equal(4, entries.Count);
        Assert.Equal(images.Values.Order(), spdxSubjects.Order());
        Assert.Equal(images["arm64"], BomRef(arm64.StandardOutput));
        Assert.Equal(images["amd64"], BomRef(amd64.StandardOutput));
        Assert.Contains("arch=arm64", arm64.StandardOutput);
        Assert.DoesNotContain("arch=amd64", arm64.StandardOutput);
    }

    [Fact]
    public async Task SameBuildGivesIdenticalSboms()
    {
        var first = new OciLayoutFiles(directory.Combine("first"));
        var second = new OciLayoutFiles(directory.Combine("second"));
        var archives = new[] { directory.Combine("first.tar"), directory.Combine("second.tar") };

        await BuildAsync(first.Directory, ["--arch", "amd64"], ["--sbom", "spdx", "--sbom", "cyclonedx",
            "--output", $"docker-archive:{archives[0]}:distill/static:test"]);
        await BuildAsync(second.Directory, ["--arch", "amd64"], ["--sbom", "spdx", "--sbom", "cyclonedx",
            "--output", $"docker-archive:{archives[1]}:distill/static:test"]);

        var firstEntries = SbomArtifacts.ArtifactEntries(first);
        var secondEntries = SbomArtifacts.ArtifactEntries(second);
        Assert.Equal(2, firstEntries.Count);
        Assert.Equal(firstEntries.Select(entry => entry.ToJsonString()), secondEntries.Select(entry => entry.ToJsonString()));
        for (var index = 0; index < firstEntries.Count; index++)
        {
            Assert.Equal(SbomArtifacts.Read(first, firstEntries[index]).Content,
                SbomArtifacts.Read(second, secondEntries[index]).Content);
        }

        foreach (var suffix in new[] { ".spdx.json", ".cdx.json" })
        {
            Assert.Equal(File.ReadAllBytes(archives[0] + suffix), File.ReadAllBytes(archives[1] + suffix));
        }
    }

    [Fact]
    public async Task DockerArchiveGetsSbomFiles()
    {
        var archive = directory.Combine("image.tar");

        await DistillProcess.RunSuccessfullyAsync(["build", "static", "--arch", "amd64", "--sbom", "spdx",
            "--output", $"docker-archive:{archive}:distill/static:1.0"]);
        var printed = await DistillProcess.RunSuccessfullyAsync(["sbom", $"docker-archive:{archive}"]);

        var sbom = File.ReadAllBytes(archive + ".spdx.json");
        Assert.Equal("distill/static:1.0", JsonNode.Parse(sbom)!["name"]!.GetValue<string>());
        Assert.False(File.Exists(archive + ".cdx.json"), "distill wrote a CycloneDX SBOM that was not requested");
        Assert.Equal(["image.tar", "image.tar.spdx.json"],
            Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(sbom), printed.StandardOutput);
    }

    [Fact]
    public async Task SbomCommandRejectsImageWithoutSbom()
    {
        var layout = directory.Combine("layout");
        await BuildAsync(layout, ["--arch", "amd64"], []);

        var result = await DistillProcess.RunAsync(["sbom", $"oci:{layout}:{Tag}", "--format", "spdx"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("distill: error:", result.StandardError);
        Assert.Contains("--sbom spdx", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task BuildRejectsUnknownFormat()
    {
        var layout = directory.Combine("layout");

        var result = await DistillProcess.RunAsync(
            ["build", "static", "--arch", "amd64", "--sbom", "spdx,swid", "--output", $"oci:{layout}:{Tag}"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'swid'", result.StandardError);
        Assert.False(Directory.Exists(layout), $"distill wrote {layout} although it failed");
    }

    private static async Task<string> BuildAsync(string layout, string[] architectureArguments, string[] sbomArguments)
    {
        var result = await DistillProcess.RunSuccessfullyAsync(
            ["build", "static", .. architectureArguments, .. sbomArguments, "--output", $"oci:{layout}:{Tag}"]);
        return result.StandardOutput.Split('\n')
            .Single(line => line.StartsWith($"oci:{layout}:{Tag} ", StringComparison.Ordinal))
            .Split(' ')[1];
    }

    private static string BomRef(string cycloneDx) =>
        JsonNode.Parse(cycloneDx)!["metadata"]!["component"]!["bom-ref"]!.GetValue<string>();
}
