using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Distill.Blobs;
using Distill.Output;
using Distill.Tests.EndToEnd;
using Distill.Tests.Layers;
using Distill.Tests.Output;

namespace Distill.Tests.Registry;

[UnsupportedOSPlatform("windows")]
public sealed class CopyCommandTests(AnonymousRegistryFixture fixture) : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private string Cache => directory.Combine("cache");

    [Fact]
    public async Task OciToRegistryToOciKeepsDigest()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store, label: "round-trip");
        var source = directory.Combine("source");
        OciLayout.Write(source, "v1", image, store);
        var remote = fixture.Server.Reference("copy/round:v1");
        var target = directory.Combine("target");

        var pushed = await DistillProcess.RunSuccessfullyAsync(["copy", $"oci:{source}:v1", remote], Cache);
        var pulled = await DistillProcess.RunSuccessfullyAsync(["copy", remote, $"oci:{target}:back"], Cache);

        Assert.Equal(image.Digest.ToString(), pushed.LastDigest());
        Assert.Equal(image.Digest.ToString(), pulled.LastDigest());
        var raw = ExternalTool.RunChecked("skopeo", "inspect", "--raw", $"oci:{target}:back");
        Assert.Equal(File.ReadAllText(store.GetPath(image.Digest)), raw);
        ExternalTool.RunChecked("umoci", "unpack", "--rootless", "--image", $"{target}:back", directory.Combine("bundle"));
    }

    [Fact]
    public async Task DockerArchiveSourcePushes()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store, label: "archive");
        var archive = directory.Combine("image.tar");
        DockerArchive.Write(archive, "app", "v1", image, store);

        var result = await DistillProcess.RunSuccessfullyAsync(
            ["copy", $"docker-archive:{archive}", fixture.Server.Reference("copy/archive:v1")], Cache);

        Assert.Equal(image.Digest.ToString(), result.LastDigest());
        var inspection = JsonNode.Parse(ExternalTool.RunChecked("skopeo", "inspect", "--tls-verify=false",
            $"docker://{fixture.Server.Host}/copy/archive:v1"))!;
        Assert.Equal("archive", inspection["Labels"]!["test"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegistryToDockerArchiveLoads()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store, label: "to-archive");
        var layout = directory.Combine("layout");
        OciLayout.Write(layout, "v1", image, store);
        var remote = fixture.Server.Reference("copy/to-archive:v1");
        await DistillProcess.RunSuccessfullyAsync(["copy", $"oci:{layout}:v1", remote], Cache);
        var archive = directory.Combine("out.tar");

        var result = await DistillProcess.RunSuccessfullyAsync(
            ["copy", remote, $"docker-archive:{archive}:app:v1"], Cache);

        Assert.Equal(image.ConfigDescriptor.Digest.ToString(), result.LastDigest());
        var inspection = JsonNode.Parse(ExternalTool.RunChecked("skopeo", "inspect", $"docker-archive:{archive}"))!;
        Assert.Equal("to-archive", inspection["Labels"]!["test"]!.GetValue<string>());
    }

    [Fact]
    public async Task InspectShowsManifestAndLayers()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store, label: "inspect");
        var layout = directory.Combine("layout");
        OciLayout.Write(layout, "v1", image, store);
        var remote = fixture.Server.Reference("copy/inspect:v1");
        await DistillProcess.RunSuccessfullyAsync(["copy", $"oci:{layout}:v1", remote], Cache);

        var raw = await DistillProcess.RunSuccessfullyAsync(["inspect", "--raw", remote], Cache);
        var json = await DistillProcess.RunSuccessfullyAsync(["inspect", "--json", remote], Cache);
        var table = await DistillProcess.RunSuccessfullyAsync(["inspect", remote], Cache);

        Assert.Equal(File.ReadAllText(store.GetPath(image.Digest)), raw.StandardOutput);
        var document = JsonNode.Parse(json.StandardOutput)!;
        Assert.Equal(image.Digest.ToString(), document["digest"]!.GetValue<string>());
        var layers = document["images"]![0]!["layers"]!.AsArray();
        Assert.Equal(image.Layers.Select(layer => layer.Size), layers.Select(layer => layer!["size"]!.GetValue<long>()));
        Assert.Equal("linux/amd64", document["images"]![0]!["platform"]!.GetValue<string>());
        Assert.Contains(image.Digest.ToString(), table.StandardOutput);
        Assert.Contains(image.Layers[1].Digest.ToString(), table.StandardOutput);
        Assert.Contains("linux/amd64", table.StandardOutput);
    }

    [Fact]
    public async Task BuildOutputPushesSameDigestAsLayout()
    {
        var layout = directory.Combine("layout");
        var remote = fixture.Server.Reference("build/static:latest");

        var result = await DistillProcess.RunSuccessfullyAsync(
            ["build", "static", "--arch", "amd64", "--output", $"oci:{layout}:static", "--output", remote]);

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(lines[0].Split(' ')[^1], lines[1].Split(' ')[^1]);
        Assert.StartsWith(remote, lines[1]);
        var inspection = JsonNode.Parse(ExternalTool.RunChecked("skopeo", "inspect", "--tls-verify=false",
            $"docker://{fixture.Server.Host}/build/static:latest"))!;
        Assert.Equal(lines[1].Split(' ')[^1], inspection["Digest"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReferenceWithoutHostIsRejected()
    {
        var result = await DistillProcess.RunAsync(["inspect", "docker://distill/cc:latest"], Cache);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("registry host is missing", result.StandardError);
    }
}
