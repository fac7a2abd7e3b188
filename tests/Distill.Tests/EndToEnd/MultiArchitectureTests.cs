using System.Text.Json.Nodes;
using Distill.Tests.Layers;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Builds base-nossl for amd64 and arm64 into one OCI layout, and checks the image index the way skopeo reads
/// and copies it, and the libc of each image by the machine in its ELF headers.
/// </summary>
public sealed class MultiArchitectureTests : IDisposable
{
    private const string Tag = "base-nossl";

    private const string IndexMediaType = "application/vnd.oci.image.index.v1+json";

    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("comma-separated", new[] { "--arch", "amd64,arm64" })]
    [InlineData("repeated", new[] { "--arch", "amd64", "--arch", "arm64" })]
    public async Task ArchOptionBuildsIndex(string form, string[] architectureArguments)
    {
        var layout = directory.Combine(form);

        var digest = await BuildAsync(layout, architectureArguments);

        var index = JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--raw", $"oci:{layout}:{Tag}"))!;
        Assert.Equal(IndexMediaType, index["mediaType"]?.GetValue<string>());
        var platforms = index["manifests"]!.AsArray().Select(entry => DescribePlatform(entry!["platform"])).ToList();
        Assert.Equal(["linux/amd64", "linux/arm64/v8"], platforms.Order());
        Assert.Equal(digest, new OciLayoutFiles(layout).DigestOfTag(Tag));
    }

    [Fact]
    public async Task BothFormsGiveSameIndex()
    {
        var commaDigest = await BuildAsync(directory.Combine("comma"), ["--arch", "amd64,arm64"]);

        var repeatedDigest = await BuildAsync(directory.Combine("repeated"), ["--arch", "amd64", "--arch", "arm64"]);

        Assert.Equal(commaDigest, repeatedDigest);
    }

    [Fact]
    public async Task SkopeoCopiesBothImages()
    {
        var layout = directory.Combine("source");
        var copy = directory.Combine("copy");
        var digest = await BuildAsync(layout, ["--arch", "amd64,arm64"]);

        HostTool.RunChecked("skopeo", "copy", "--all", $"oci:{layout}:{Tag}", $"oci:{copy}:{Tag}");

        var copied = new OciLayoutFiles(copy);
        var index = JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--raw", $"oci:{copy}:{Tag}"))!;
        Assert.Equal(IndexMediaType, index["mediaType"]?.GetValue<string>());
        Assert.Equal(digest, copied.DigestOfTag(Tag));
        var manifests = index["manifests"]!.AsArray();
        Assert.Equal(2, manifests.Count);
        foreach (var entry in manifests)
        {
            var manifestDigest = entry!["digest"]!.GetValue<string>();
            Assert.True(File.Exists(copied.BlobPath(manifestDigest)), $"the copy lacks manifest {manifestDigest}");
            var manifest = copied.ReadJsonBlob(manifestDigest);
            var config = manifest["config"]!["digest"]!.GetValue<string>();
            Assert.True(File.Exists(copied.BlobPath(config)), $"the copy lacks config {config} of {manifestDigest}");
            foreach (var layer in copied.LayerDigests(manifestDigest))
            {
                Assert.True(File.Exists(copied.BlobPath(layer)), $"the copy lacks layer {layer} of {manifestDigest}");
            }
        }
    }

    [Theory]
    [InlineData("linux/amd64", "x86_64-linux-gnu", ElfHeader.MachineX86_64)]
    [InlineData("linux/arm64/v8", "aarch64-linux-gnu", ElfHeader.MachineAArch64)]
    public async Task LibcMatchesPlatform(string platform, string multiarchTriplet, ushort expectedMachine)
    {
        var layout = directory.Combine("layout");
        var digest = await BuildAsync(layout, ["--arch", "amd64,arm64"]);
        var files = new OciLayoutFiles(layout);
        var entry = files.ReadJsonBlob(digest)["manifests"]!.AsArray()
            .Single(manifest => DescribePlatform(manifest!["platform"]) == platform)!;
        var manifestDigest = entry["digest"]!.GetValue<string>();

        var machines = new Dictionary<string, ushort>();
        foreach (var layer in files.LayerDigests(manifestDigest))
        {
            files.ReadRegularFiles(layer, ElfHeader.PrefixLength, (path, prefix) =>
            {
                if (ElfHeader.ReadMachine(prefix) is { } machine)
                {
                    machines[path] = machine;
                }
            });
        }

        var libc = $"usr/lib/{multiarchTriplet}/libc.so.6";
        Assert.True(machines.ContainsKey(libc), $"{libc} is not an ELF file in {platform} image {manifestDigest}. "
            + $"ELF files: {string.Join(", ", machines.Keys)}");
        Assert.Equal(expectedMachine, machines[libc]);
        var foreign = machines
            .Where(pair => pair.Value != expectedMachine)
            .Select(pair => $"{pair.Key} ({pair.Value})");
        Assert.Empty(foreign);
        Assert.True(machines.Count >= 10, $"only {machines.Count} ELF files in {platform} image {manifestDigest}");
    }

    [Fact]
    public async Task DockerArchiveRejectsTwoArchitectures()
    {
        var archive = directory.Combine("image.tar");

        var result = await DistillProcess.RunAsync(
            ["build", "base-nossl", "--arch", "amd64,arm64", "--output", $"docker-archive:{archive}:distill/base:test"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("docker archive holds one architecture", result.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("distill: error:", result.StandardError);
        Assert.False(File.Exists(archive), $"distill wrote {archive} although it failed");
        Assert.Equal("", result.StandardOutput);
    }

    private static async Task<string> BuildAsync(string layout, string[] architectureArguments)
    {
        var result = await DistillProcess.RunSuccessfullyAsync(
            ["build", "base-nossl", .. architectureArguments, "--output", $"oci:{layout}:{Tag}"]);
        return result.LastDigest();
    }

    /// <summary>Returns "os/architecture" or "os/architecture/variant" for an OCI platform object.</summary>
    private static string DescribePlatform(JsonNode? platform)
    {
        Assert.NotNull(platform);
        var description = $"{platform["os"]?.GetValue<string>()}/{platform["architecture"]?.GetValue<string>()}";
        var variant = platform["variant"]?.GetValue<string>();
        return variant is null ? description : $"{description}/{variant}";
    }
}
