using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Distill.Blobs;
using Distill.Images;
using Distill.Output;
using Distill.Tests.Layers;
using Xunit;

namespace Distill.Tests.Output;

[UnsupportedOSPlatform("windows")]
public sealed class DockerArchiveTests : IDisposable
{
    private readonly TestDirectory directory = new();

    private readonly BlobStore store;

    private readonly string archive;

    public DockerArchiveTests()
    {
        store = new BlobStore(directory.Combine("store"));
        archive = directory.Combine("out", "image.tar");
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public void PodmanLoadsArchive()
    {
        var image = TestImages.Build(store);
        var name = $"localhost/distill-test-{Guid.NewGuid():N}";

        var imageId = DockerArchive.Write(archive, name, "v1", image, store);

        Assert.Equal(image.ConfigDescriptor.Digest, imageId);
        var loadOutput = ExternalTool.RunChecked("podman", "load", "-i", archive);
        try
        {
            Assert.Contains($"{name}:v1", loadOutput);
            var loadedId = ExternalTool.RunChecked("podman", "image", "inspect", "--format", "{{.Id}}", $"{name}:v1");
            Assert.Equal(imageId.Hex, loadedId.Trim());
        }
        finally
        {
            ExternalTool.Run("podman", "rmi", imageId.Hex);
        }
    }

    [Fact]
    public void SkopeoInspectsArchive()
    {
        var image = TestImages.Build(store);

        DockerArchive.Write(archive, "example.com:5000/team/app", "1.0", image, store);

        var inspection = JsonNode.Parse(ExternalTool.RunChecked("skopeo", "inspect", $"docker-archive:{archive}"))!;
        Assert.Equal("amd64", inspection["Architecture"]!.GetValue<string>());
        Assert.Equal(2, inspection["Layers"]!.AsArray().Count);
        var config = ExternalTool.RunChecked("skopeo", "inspect", "--config", "--raw", $"docker-archive:{archive}");
        Assert.Equal(File.ReadAllText(store.GetPath(image.ConfigDescriptor.Digest)), config);
    }

    [Fact]
    public void ArchiveContentIsListed()
    {
        var image = TestImages.Build(store);

        DockerArchive.Write(archive, "app", null, image, store);

        var names = ExternalTool.RunChecked("tar", "-tf", archive).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = new[] { "blobs/", "blobs/sha256/", $"blobs/sha256/{image.ConfigDescriptor.Digest.Hex}" }
            .Concat(image.Layers.Select(layer => $"blobs/sha256/{layer.Digest.Hex}"))
            .Append("manifest.json");
        Assert.Equal(expected, names);
        var manifest = ExternalTool.RunChecked("tar", "-xOf", archive, "manifest.json");
        var expectedManifest = $"[{{\"Config\":\"blobs/sha256/{image.ConfigDescriptor.Digest.Hex}\","
            + "\"RepoTags\":[\"app:latest\"],"
            + $"\"Layers\":[\"blobs/sha256/{image.Layers[0].Digest.Hex}\",\"blobs/sha256/{image.Layers[1].Digest.Hex}\"]}}]";
        Assert.Equal(expectedManifest, manifest);
    }

    [Fact]
    public void ArchiveIsDeterministic()
    {
        var image = TestImages.Build(store);
        var second = directory.Combine("second.tar");

        DockerArchive.Write(archive, "app", "1", image, store);
        Thread.Sleep(TimeSpan.FromSeconds(1.1));
        DockerArchive.Write(second, "app", "1", image, store);

        Assert.Equal(File.ReadAllBytes(archive), File.ReadAllBytes(second));
    }

    [Fact]
    public void UntaggedArchiveHasNoRepoTags()
    {
        var image = TestImages.Build(store);

        DockerArchive.Write(archive, null, null, image, store);

        var manifest = JsonNode.Parse(ExternalTool.RunChecked("tar", "-xOf", archive, "manifest.json"))!;
        Assert.Null(manifest[0]!["RepoTags"]);
    }

    [Fact]
    public void SeveralArchitecturesAreRejected()
    {
        var index = ImageBuilder.BuildIndex([TestImages.Build(store, "amd64"), TestImages.Build(store, "arm64")], store);

        var exception = Assert.Throws<MultipleArchitecturesException>(
            () => DockerArchive.Write(archive, "app", "1", index, store));

        Assert.Contains("A docker archive holds one architecture", exception.Message);
        Assert.Contains("linux/amd64, linux/arm64/v8", exception.Message);
        Assert.Contains("OCI layout", exception.Message);
        Assert.False(File.Exists(archive));
    }

    [Fact]
    public void SingleImageIndexIsWritten()
    {
        var image = TestImages.Build(store);
        var index = ImageBuilder.BuildIndex([image], store);

        var imageId = DockerArchive.Write(archive, "app", "1", index, store);

        Assert.Equal(image.ConfigDescriptor.Digest, imageId);
        Assert.True(File.Exists(archive));
    }

    [Fact]
    public void TagWithoutNameIsRejected()
    {
        var image = TestImages.Build(store);

        var exception = Assert.Throws<InvalidOutputReferenceException>(
            () => DockerArchive.Write(archive, null, "1.0", image, store));

        Assert.Contains("the tag '1.0' has no repository name", exception.Message);
    }

    [Fact]
    public void FailedWriteLeavesNoFile()
    {
        var image = TestImages.Build(store);
        var emptyStore = new BlobStore(directory.Combine("empty"));

        Assert.Throws<BlobNotFoundException>(() => DockerArchive.Write(archive, "app", "1", image, emptyStore));

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(archive)!));
    }
}
