using System.Text;
using Distill.Blobs;
using Distill.Images;
using Distill.Layers;
using Distill.Tests.Layers;
using Xunit;
using static Distill.Tests.Layers.LayerFixtures;

namespace Distill.Tests.Images;

public sealed class ImageBuilderTests : IDisposable
{
    private const string Created = "2023-11-14T22:13:20Z";

    private readonly TestDirectory directory = new();

    private readonly BlobStore store;

    private readonly Layer baseLayer;

    private readonly Layer appLayer;

    public ImageBuilderTests()
    {
        store = new BlobStore(directory.Combine("store"));
        baseLayer = LayerWriter.Write([DirectoryEntry("etc"), RegularFile("etc/hostname", "distill\n")], "base", store);
        appLayer = LayerWriter.Write([DirectoryEntry("app"), RegularFile("app/run", "app", mode: 0b111_101_101)], "app",
            store);
    }

    public void Dispose() => directory.Dispose();

    public static ContainerConfig FullConfig => new()
    {
        User = "65532:65532",
        Env = ["PATH=/usr/bin", "LANG=C.UTF-8"],
        Entrypoint = ["/app/run"],
        Cmd = ["--flag"],
        WorkingDir = "/app",
        Labels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" },
        ExposedPorts = ["8080", "53/udp"],
        Volumes = ["/data"],
        StopSignal = "SIGTERM",
    };

    [Fact]
    public void ConfigJsonIsCanonical()
    {
        var config = new ImageConfig(Platform.FromDebianArchitecture("arm64"), FullConfig, [baseLayer, appLayer], Time);

        var json = Encoding.UTF8.GetString(config.ToJson());

        var expected = """
            {"created":"@Created@","architecture":"arm64","variant":"v8","os":"linux","config":{"User":"65532:65532",
            "ExposedPorts":{"53/udp":{},"8080/tcp":{}},"Env":["PATH=/usr/bin","LANG=C.UTF-8"],"Entrypoint":["/app/run"],
            "Cmd":["--flag"],"Volumes":{"/data":{}},"WorkingDir":"/app","Labels":{"a":"1","b":"2"},"StopSignal":"SIGTERM"},
            "rootfs":{"type":"layers","diff_ids":["@baseLayer.DiffId@","@appLayer.DiffId@"]},
            "history":[{"created":"@Created@","created_by":"base"},{"created":"@Created@","created_by":"app"}]}
            """.ReplaceLineEndings("");
        expected = Fill(
            expected,
            ("@Created@", Created.ToString()),
            ("@baseLayer.DiffId@", baseLayer.DiffId.ToString()),
            ("@appLayer.DiffId@", appLayer.DiffId.ToString()));
        Assert.Equal(expected, json);
    }

    [Fact]
    public void EmptyConfigValuesAreOmitted()
    {
        var config = new ImageConfig(Platform.FromDebianArchitecture("amd64"), new ContainerConfig(), [],
            DateTimeOffset.UnixEpoch);

        var json = Encoding.UTF8.GetString(config.ToJson());

        Assert.Equal("""{"created":"1970-01-01T00:00:00Z","architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}""",
            json);
    }

    [Fact]
    public void FractionalCreatedTimeKeepsDigits()
    {
        var config = new ImageConfig(new Platform("linux", "amd64"), new ContainerConfig(), [],
            DateTimeOffset.UnixEpoch.AddMilliseconds(1500));

        var json = Encoding.UTF8.GetString(config.ToJson());

        Assert.StartsWith("""{"created":"1970-01-01T00:00:01.5Z",""", json);
    }

    [Fact]
    public void ManifestJsonIsCanonical()
    {
        var config = new ImageConfig(Platform.FromDebianArchitecture("amd64"), FullConfig, [baseLayer, appLayer], Time);
        var annotations = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "app" };

        var image = ImageBuilder.Build(config, store, annotations);

        var manifest = File.ReadAllText(store.GetExistingPath(image.Digest));
        var expected = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
            "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"@image.ConfigDescriptor.Digest@",
            "size":@image.ConfigDescriptor.Size@},"layers":[
            {"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"@baseLayer.Digest@","size":@baseLayer.Size@},
            {"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"@appLayer.Digest@","size":@appLayer.Size@}],
            "annotations":{"org.opencontainers.image.title":"app"}}
            """.ReplaceLineEndings("");
        expected = Fill(
            expected,
            ("@image.ConfigDescriptor.Digest@", image.ConfigDescriptor.Digest.ToString()),
            ("@image.ConfigDescriptor.Size@", image.ConfigDescriptor.Size.ToString()),
            ("@baseLayer.Digest@", baseLayer.Digest.ToString()),
            ("@baseLayer.Size@", baseLayer.Size.ToString()),
            ("@appLayer.Digest@", appLayer.Digest.ToString()),
            ("@appLayer.Size@", appLayer.Size.ToString()));
        Assert.Equal(expected, manifest);
        Assert.Equal(config.ToJson(), File.ReadAllBytes(store.GetExistingPath(image.ConfigDescriptor.Digest)));
        Assert.Equal(MediaTypes.ImageManifest, image.ManifestDescriptor.MediaType);
        Assert.Equal(new FileInfo(store.GetPath(image.Digest)).Length, image.ManifestDescriptor.Size);
    }

    [Fact]
    public void BuildTwiceGivesSameDigests()
    {
        var config = new ImageConfig(Platform.FromDebianArchitecture("amd64"), FullConfig, [baseLayer, appLayer], Time);

        var first = ImageBuilder.Build(config, store);
        var second = ImageBuilder.Build(config with { }, store);

        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.ConfigDescriptor, second.ConfigDescriptor);
    }

    [Fact]
    public void IndexJsonListsPlatforms()
    {
        var amd64 = ImageBuilder.Build(
            new ImageConfig(Platform.FromDebianArchitecture("amd64"), FullConfig, [baseLayer], Time), store);
        var arm64 = ImageBuilder.Build(
            new ImageConfig(Platform.FromDebianArchitecture("arm64"), FullConfig, [baseLayer], Time), store);

        var index = ImageBuilder.BuildIndex([amd64, arm64], store);

        var json = File.ReadAllText(store.GetExistingPath(index.Digest));
        var expected = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
            {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"@amd64.Digest@","size":@amd64.ManifestDescriptor.Size@,
            "platform":{"architecture":"amd64","os":"linux"}},
            {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"@arm64.Digest@","size":@arm64.ManifestDescriptor.Size@,
            "platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]}
            """.ReplaceLineEndings("");
        expected = Fill(
            expected,
            ("@amd64.Digest@", amd64.Digest.ToString()),
            ("@amd64.ManifestDescriptor.Size@", amd64.ManifestDescriptor.Size.ToString()),
            ("@arm64.Digest@", arm64.Digest.ToString()),
            ("@arm64.ManifestDescriptor.Size@", arm64.ManifestDescriptor.Size.ToString()));
        Assert.Equal(expected, json);
        Assert.Equal(MediaTypes.ImageIndex, index.Descriptor.MediaType);
        Assert.Equal([amd64, arm64], index.Images);
    }

    [Fact]
    public void IndexBlobsListEachBlobOnce()
    {
        var amd64 = ImageBuilder.Build(
            new ImageConfig(Platform.FromDebianArchitecture("amd64"), FullConfig, [baseLayer, appLayer], Time), store);
        var arm64 = ImageBuilder.Build(
            new ImageConfig(Platform.FromDebianArchitecture("arm64"), FullConfig, [baseLayer, appLayer], Time), store);

        var index = ImageBuilder.BuildIndex([amd64, arm64], store);

        var digests = index.Blobs.Select(blob => blob.Digest).ToList();
        Assert.Equal(digests.Distinct().Count(), digests.Count);
        Assert.Equal(7, digests.Count);
        Assert.Equal(index.Digest, digests[^1]);
    }

    [Fact]
    public void DuplicatePlatformIsRejected()
    {
        var config = new ImageConfig(Platform.FromDebianArchitecture("arm64"), FullConfig, [baseLayer], Time);
        var first = ImageBuilder.Build(config, store);
        var second = ImageBuilder.Build(config with { Config = new ContainerConfig() }, store);

        var exception = Assert.Throws<DuplicatePlatformException>(() => ImageBuilder.BuildIndex([first, second], store));

        Assert.Contains("linux/arm64/v8", exception.Message);
    }

    [Fact]
    public void MissingLayerBlobIsRejected()
    {
        var otherStore = new BlobStore(directory.Combine("other"));
        var config = new ImageConfig(Platform.FromDebianArchitecture("amd64"), FullConfig, [baseLayer], Time);

        var exception = Assert.Throws<BlobNotFoundException>(() => ImageBuilder.Build(config, otherStore));

        Assert.Equal(baseLayer.Digest, exception.Digest);
    }

    [Theory]
    [InlineData("amd64", "linux/amd64")]
    [InlineData("arm64", "linux/arm64/v8")]
    [InlineData("armhf", "linux/arm/v7")]
    [InlineData("armel", "linux/arm/v5")]
    [InlineData("i386", "linux/386")]
    [InlineData("ppc64el", "linux/ppc64le")]
    [InlineData("s390x", "linux/s390x")]
    [InlineData("riscv64", "linux/riscv64")]
    [InlineData("mips64el", "linux/mips64le")]
    public void DebianArchitectureMapsToPlatform(string architecture, string expected)
    {
        Assert.Equal(expected, Platform.FromDebianArchitecture(architecture).ToString());
    }

    [Fact]
    public void UnknownArchitectureIsRejected()
    {
        var exception = Assert.Throws<UnsupportedArchitectureException>(() => Platform.FromDebianArchitecture("x86_64"));

        Assert.Contains("'x86_64'", exception.Message);
        Assert.Contains("amd64", exception.Message);
    }

    [Theory]
    [InlineData("Env entry", "NOVALUE")]
    [InlineData("Env entry", "=value")]
    [InlineData("exposed port", "http")]
    [InlineData("exposed port", "0")]
    [InlineData("exposed port", "70000/tcp")]
    [InlineData("exposed port", "80/quic")]
    [InlineData("volume", "data")]
    [InlineData("WorkingDir", "app")]
    public void InvalidConfigValueIsRejected(string field, string value)
    {
        var containerConfig = field switch
        {
            "Env entry" => new ContainerConfig { Env = [value] },
            "exposed port" => new ContainerConfig { ExposedPorts = [value] },
            "volume" => new ContainerConfig { Volumes = [value] },
            _ => new ContainerConfig { WorkingDir = value },
        };
        var config = new ImageConfig(new Platform("linux", "amd64"), containerConfig, [], Time);

        var exception = Assert.Throws<InvalidImageConfigException>(() => config.ToJson());

        Assert.Equal(field, exception.Field);
        Assert.Equal(value, exception.Value);
        Assert.Contains($"'{value}'", exception.Message);
    }

    /// <summary>Replaces each "@expression@" token of an expected JSON text with its value.</summary>
    private static string Fill(string template, params (string Token, string Value)[] values)
    {
        foreach (var (token, value) in values)
        {
            template = template.Replace(token, value);
        }

        return template;
    }
}
