using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Distill.Blobs;
using Distill.Images;
using Distill.Output;
using Distill.Tests.Layers;
using Xunit;

namespace Distill.Tests.Output;

[UnsupportedOSPlatform("windows")]
public sealed class OciLayoutTests : IDisposable
{
    private readonly TestDirectory directory = new();

    private readonly BlobStore store;

    private readonly string layout;

    public OciLayoutTests()
    {
        store = new BlobStore(directory.Combine("store"));
        layout = directory.Combine("layout");
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public void SkopeoReadsManifestAndConfig()
    {
        var image = TestImages.Build(store);

        var digest = OciLayout.Write(layout, "v1", image, store);

        Assert.Equal(image.Digest, digest);
        var manifest = ExternalTool.RunChecked("skopeo", "inspect", "--raw", $"oci:{layout}:v1");
        Assert.Equal(File.ReadAllText(store.GetPath(image.Digest)), manifest);
        var config = ExternalTool.RunChecked("skopeo", "inspect", "--config", "--raw", $"oci:{layout}:v1");
        Assert.Equal(File.ReadAllText(store.GetPath(image.ConfigDescriptor.Digest)), config);
        var inspection = JsonNode.Parse(ExternalTool.RunChecked("skopeo", "inspect", $"oci:{layout}:v1"))!;
        Assert.Equal("amd64", inspection["Architecture"]!.GetValue<string>());
        Assert.Equal("test", inspection["Labels"]!["test"]!.GetValue<string>());
        Assert.Equal(2, inspection["Layers"]!.AsArray().Count);
    }

    [Fact]
    public void UmociUnpacksRootfs()
    {
        var image = TestImages.Build(store);
        OciLayout.Write(layout, "v1", image, store);
        var bundle = directory.Combine("bundle");

        ExternalTool.RunChecked("umoci", "unpack", "--image", $"{layout}:v1", bundle);

        var program = Path.Combine(bundle, "rootfs", TestImages.ProgramPath);
        Assert.Equal(StaticTestProgram.Content, File.ReadAllBytes(program));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(program));
        Assert.Equal((UnixFileMode)0b001_111_111_111, File.GetUnixFileMode(Path.Combine(bundle, "rootfs", "tmp")));
        Assert.Equal("ID=distill-test\n", File.ReadAllText(Path.Combine(bundle, "rootfs", "etc", "os-release")));
        Assert.Equal(StaticTestProgram.Greeting + "\n", ExternalTool.RunChecked(program));
    }

    [Fact]
    public void TagsShareLayoutAndReusedTagIsReplaced()
    {
        var first = TestImages.Build(store, label: "first");
        var second = TestImages.Build(store, label: "second");

        OciLayout.Write(layout, "a", first, store);
        OciLayout.Write(layout, "b", second, store);
        OciLayout.Write(layout, "a", second, store);

        var tags = ReadTags();
        Assert.Equal(["a", "b"], tags.Keys.Order());
        Assert.Equal(second.Digest.ToString(), tags["a"]);
        Assert.Equal(second.Digest.ToString(), tags["b"]);
        var manifest = ExternalTool.RunChecked("skopeo", "inspect", "--raw", $"oci:{layout}:a");
        Assert.Equal(File.ReadAllText(store.GetPath(second.Digest)), manifest);
    }

    [Fact]
    public void UntaggedImageIsAddedOnce()
    {
        var image = TestImages.Build(store);

        OciLayout.Write(layout, null, image, store);
        OciLayout.Write(layout, null, image, store);

        var manifests = ReadIndex()["manifests"]!.AsArray();
        Assert.Single(manifests);
        Assert.Null(manifests[0]!["annotations"]);
        Assert.Equal(image.Digest.ToString(), manifests[0]!["digest"]!.GetValue<string>());
    }

    [Fact]
    public void BlobsAreLinkedAndNotRewritten()
    {
        var image = TestImages.Build(store);
        OciLayout.Write(layout, "v1", image, store);
        var layerPath = Path.Combine(layout, "blobs", "sha256", image.Layers[1].Digest.Hex);
        var firstInode = Stat(layerPath, "%i");

        OciLayout.Write(layout, "v2", image, store);

        Assert.Equal(firstInode, Stat(layerPath, "%i"));
        Assert.Equal(Stat(store.GetPath(image.Layers[1].Digest), "%i"), firstInode);
        var blobNames = Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")).Select(Path.GetFileName).Order();
        Assert.Equal(image.Blobs.Select(blob => blob.Digest.Hex).Order(), blobNames);
    }

    [Fact]
    public void LayoutFileAndIndexAreWritten()
    {
        var image = TestImages.Build(store);

        OciLayout.Write(layout, "v1", image, store);

        Assert.Equal("""{"imageLayoutVersion":"1.0.0"}""", File.ReadAllText(Path.Combine(layout, "oci-layout")));
        var expectedIndex = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + $"\"manifests\":[{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{image.Digest}\","
            + $"\"size\":{image.ManifestDescriptor.Size},"
            + "\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1\"}}]}";
        Assert.Equal(expectedIndex, File.ReadAllText(Path.Combine(layout, "index.json")));
    }

    [Fact]
    public void IndexCopiedBySkopeoWithAllPlatforms()
    {
        var amd64 = TestImages.Build(store, "amd64");
        var arm64 = TestImages.Build(store, "arm64");
        var index = ImageBuilder.BuildIndex([amd64, arm64], store);
        var copy = directory.Combine("copy");

        var digest = OciLayout.Write(layout, "t", index, store);
        ExternalTool.RunChecked("skopeo", "copy", "--all", "--preserve-digests", $"oci:{layout}:t", $"oci:{copy}:t");

        Assert.Equal(index.Digest, digest);
        var copiedIndex = ExternalTool.RunChecked("skopeo", "inspect", "--raw", $"oci:{copy}:t");
        Assert.Equal(File.ReadAllText(store.GetPath(index.Digest)), copiedIndex);
        var arm64Config = JsonNode.Parse(ExternalTool.RunChecked("skopeo", "inspect", "--config", "--raw",
            "--override-arch", "arm64", "--override-variant", "v8", $"oci:{copy}:t"))!;
        Assert.Equal("arm64", arm64Config["architecture"]!.GetValue<string>());
        Assert.Equal("v8", arm64Config["variant"]!.GetValue<string>());
    }

    [Fact]
    public void ConcurrentWritersKeepAllTags()
    {
        var image = TestImages.Build(store);
        var expectedTags = Enumerable.Range(0, 8).Select(i => $"tag{i}").ToList();

        Parallel.ForEach(expectedTags, tag => OciLayout.Write(layout, tag, image, store));

        Assert.Equal(expectedTags, ReadTags().Keys.Order());
        Assert.Empty(Directory.GetFiles(layout, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void HeldLockTimesOut()
    {
        var image = TestImages.Build(store);
        Directory.CreateDirectory(layout);

        using (LayoutLock.Acquire(layout, TimeSpan.Zero))
        {
            var exception = Assert.Throws<LayoutLockTimeoutException>(() => OciLayout.Write(layout, "v1",
                image.ManifestDescriptor, image.Blobs, store, TimeSpan.FromMilliseconds(200)));

            Assert.Contains(Path.Combine(layout, "index.json.lock"), exception.Message);
        }

        Assert.False(File.Exists(Path.Combine(layout, "index.json")));
    }

    [Fact]
    public void EntriesFromOtherToolsAreKept()
    {
        var image = TestImages.Build(store);
        Directory.CreateDirectory(layout);
        File.WriteAllText(Path.Combine(layout, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        var otherDigest = "sha256:" + new string('0', 64);
        var otherEntry = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + otherDigest
            + "\",\"size\":1,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"},"
            + "\"annotations\":{\"org.opencontainers.image.ref.name\":\"other\",\"vendor\":\"x\"}}";
        File.WriteAllText(Path.Combine(layout, "index.json"), $$"""{"schemaVersion":2,"manifests":[{{otherEntry}}]}""");

        OciLayout.Write(layout, "v1", image, store);

        var manifests = ReadIndex()["manifests"]!.AsArray();
        Assert.Equal(2, manifests.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(otherEntry), manifests[0]), manifests[0]!.ToJsonString());
    }

    [Fact]
    public void InvalidIndexIsRejected()
    {
        var image = TestImages.Build(store);
        Directory.CreateDirectory(layout);
        File.WriteAllText(Path.Combine(layout, "index.json"), "not JSON");

        var exception = Assert.Throws<InvalidOciLayoutException>(() => OciLayout.Write(layout, "v1", image, store));

        Assert.Equal(Path.Combine(layout, "index.json"), exception.Path);
        Assert.Equal("not JSON", File.ReadAllText(Path.Combine(layout, "index.json")));
    }

    [Fact]
    public void OtherLayoutVersionIsRejected()
    {
        var image = TestImages.Build(store);
        Directory.CreateDirectory(layout);
        File.WriteAllText(Path.Combine(layout, "oci-layout"), """{"imageLayoutVersion":"2.0.0"}""");

        var exception = Assert.Throws<InvalidOciLayoutException>(() => OciLayout.Write(layout, "v1", image, store));

        Assert.Contains("'2.0.0'", exception.Message);
    }

    [Fact]
    public void InvalidTagIsRejected()
    {
        var image = TestImages.Build(store);

        var exception = Assert.Throws<InvalidOutputReferenceException>(
            () => OciLayout.Write(layout, "bad tag", image, store));

        Assert.Equal("bad tag", exception.Value);
    }

    private JsonNode ReadIndex() => JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;

    private Dictionary<string, string> ReadTags() => ReadIndex()["manifests"]!.AsArray().ToDictionary(
        entry => entry!["annotations"]!["org.opencontainers.image.ref.name"]!.GetValue<string>(),
        entry => entry!["digest"]!.GetValue<string>());

    private static string Stat(string path, string format) => ExternalTool.RunChecked("stat", "-c", format, path).Trim();
}
