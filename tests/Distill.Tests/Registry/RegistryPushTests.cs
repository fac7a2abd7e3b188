using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Distill.Blobs;
using Distill.Copying;
using Distill.Images;
using Distill.Output;
using Distill.Registry;
using Distill.Tests.Layers;
using Distill.Tests.Output;

namespace Distill.Tests.Registry;

[UnsupportedOSPlatform("windows")]
public sealed class RegistryPushTests(AnonymousRegistryFixture fixture) : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private readonly TestDirectory directory = new();

    private RegistryServer Server => fixture.Server;

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task PushedImageReadsBack()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store);
        var target = RegistryReference.Parse(Server.Reference("push/read:v1"));
        using var client = new RegistryClient(new RegistryClientOptions(), new ListLogger());

        var digest = await ImageOutputs.WriteAsync(target, [image], store, client, default);

        Assert.Equal(image.Digest, digest);
        var manifest = await client.GetManifestAsync(target, default);
        Assert.Equal(File.ReadAllBytes(store.GetPath(image.Digest)), manifest.Content);
        Assert.Equal(MediaTypes.ImageManifest, manifest.MediaType);
        var inspection = JsonNode.Parse(ExternalTool.RunChecked("skopeo", "inspect", "--tls-verify=false",
            $"docker://{Server.Host}/push/read:v1"))!;
        Assert.Equal(image.Digest.ToString(), inspection["Digest"]!.GetValue<string>());
        Assert.Equal(2, inspection["Layers"]!.AsArray().Count);
        var layout = directory.Combine("layout");
        ExternalTool.RunChecked("skopeo", "copy", "--src-tls-verify=false", $"docker://{Server.Host}/push/read:v1",
            $"oci:{layout}:v1");
        Assert.Equal(File.ReadAllBytes(store.GetPath(image.Digest)),
            File.ReadAllBytes(Path.Combine(layout, "blobs", "sha256", image.Digest.Hex)));
    }

    [Fact]
    public async Task IndexReadsBackRaw()
    {
        var store = new BlobStore(directory.Combine("store"));
        Image[] images = [TestImages.Build(store, "amd64"), TestImages.Build(store, "arm64")];
        var index = ImageBuilder.BuildIndex(images, store);
        using var client = new RegistryClient(new RegistryClientOptions(), new ListLogger());

        var digest = await ImageOutputs.WriteAsync(RegistryReference.Parse(Server.Reference("push/index:multi")),
            images, store, client, default);

        Assert.Equal(index.Digest, digest);
        var raw = ExternalTool.RunChecked("skopeo", "inspect", "--raw", "--tls-verify=false",
            $"docker://{Server.Host}/push/index:multi");
        Assert.Equal(File.ReadAllText(store.GetPath(index.Digest)), raw);
        var manifests = JsonNode.Parse(raw)!["manifests"]!.AsArray();
        Assert.Equal(images[0].Digest.ToString(), manifests[0]!["digest"]!.GetValue<string>());
        Assert.Equal("arm64", manifests[1]!["platform"]!["architecture"]!.GetValue<string>());
    }

    [Fact]
    public async Task PodmanPullsAndRunsImage()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store);
        using var client = new RegistryClient(new RegistryClientOptions(), new ListLogger());
        await ImageOutputs.WriteAsync(RegistryReference.Parse(Server.Reference("push/podman:v1")), [image], store,
            client, default);
        var name = $"{Server.Host}/push/podman:v1";

        ExternalTool.RunChecked("podman", "pull", "--tls-verify=false", name);
        var id = ExternalTool.RunChecked("podman", "image", "inspect", "--format", "{{.Id}}", name).Trim();
        try
        {
            Assert.Equal(image.ConfigDescriptor.Digest.Hex, id);
            var output = ExternalTool.RunChecked("podman", "run", "--rm", "--pull=never", "--runtime", "runc",
                "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", name);
            Assert.Equal(StaticTestProgram.Greeting + "\n", output);
        }
        finally
        {
            ExternalTool.Run("podman", "rmi", "--force", id);
        }
    }

    [Fact]
    public async Task SecondPushFindsBlobsPresent()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store);
        var target = RegistryReference.Parse(Server.Reference("push/again:v1"));
        using (var first = new RegistryClient(new RegistryClientOptions(), new ListLogger()))
        {
            await ImageOutputs.WriteAsync(target, [image], store, first, default);
        }

        var logger = new ListLogger();
        using var second = new RegistryClient(new RegistryClientOptions(), logger);
        var digest = await ImageOutputs.WriteAsync(target, [image], store, second, default);

        Assert.Equal(image.Digest, digest);
        Assert.Equal(3, logger.Messages.Count(message => message.Contains("already present")));
        Assert.DoesNotContain(logger.Messages, message => message.StartsWith("Pushed blob"));
        Assert.Contains(logger.Messages, message => message.Contains($"Pushed {target} {image.Digest}"));
    }

    [Fact]
    public async Task CopyWithinRegistryMountsBlobs()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store, label: "mount");
        using var pushClient = new RegistryClient(new RegistryClientOptions(), new ListLogger());
        await ImageOutputs.WriteAsync(RegistryReference.Parse(Server.Reference("mount/source:v1")), [image], store,
            pushClient, default);
        var logger = new ListLogger();
        using var client = new RegistryClient(new RegistryClientOptions(), logger);
        var copier = new ImageCopier(new BlobStore(directory.Combine("copy-store")), client);

        var digest = await copier.CopyAsync(RegistryReference.Parse(Server.Reference("mount/source:v1")),
            RegistryReference.Parse(Server.Reference("mount/target:v1")), default);

        Assert.Equal(image.Digest, digest);
        Assert.Equal(3, logger.Messages.Count(message => message.StartsWith("Mounted blob")));
        var manifest = await client.GetManifestAsync(RegistryReference.Parse(Server.Reference("mount/target:v1")), default);
        Assert.Equal(image.Digest, manifest.Digest);
    }

    [Fact]
    public async Task ChunkedUploadKeepsDigest()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store, label: "chunked");
        var target = RegistryReference.Parse(Server.Reference("push/chunked:v1"));
        using var client = new RegistryClient(new RegistryClientOptions { ChunkSize = 4096 }, new ListLogger());

        var digest = await ImageOutputs.WriteAsync(target, [image], store, client, default);

        Assert.Equal(image.Digest, digest);
        Assert.True(image.Layers.Max(layer => layer.Size) > 4096, "a layer must be larger than one chunk");
        ExternalTool.RunChecked("skopeo", "copy", "--src-tls-verify=false", $"docker://{Server.Host}/push/chunked:v1",
            $"oci:{directory.Combine("layout")}:v1");
    }

    [Theory]
    [InlineData(ProxyFault.ServiceUnavailable)]
    [InlineData(ProxyFault.DropConnection)]
    public async Task PushThroughFaultsCompletes(ProxyFault fault)
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store, label: $"fault-{fault}");
        using var proxy = new FaultProxy(Server.Port, fault, faultCount: 3);
        var logger = new ListLogger();
        var options = new RegistryClientOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(50) };
        using var client = new RegistryClient(options, logger);
        var target = RegistryReference.Parse($"docker://{proxy.Host}/fault/{fault.ToString().ToLowerInvariant()}:v1");

        var digest = await ImageOutputs.WriteAsync(target, [image], store, client, default);

        Assert.Equal(image.Digest, digest);
        Assert.Equal(3, proxy.FaultsInjected);
        Assert.Contains(logger.Messages, message => message.Contains("retrying"));
        var direct = await client.GetManifestAsync(target with { Host = Server.Host }, default);
        Assert.Equal(image.Digest, direct.Digest);
    }

    [Fact]
    public async Task CanceledPushLeavesNoTagAndRerunCompletes()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store, label: "cancel");
        var target = RegistryReference.Parse(Server.Reference("cancel/image:v1"));
        using var cancellation = new CancellationTokenSource();
        var logger = new ListLogger(message =>
        {
            if (message.StartsWith("Pushed blob"))
            {
                cancellation.Cancel();
            }
        });
        var options = new RegistryClientOptions { MaxParallelUploads = 1 };
        using (var client = new RegistryClient(options, logger))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => ImageOutputs.WriteAsync(target, [image], store, client, cancellation.Token));
        }

        using var rerun = new RegistryClient(new RegistryClientOptions(), new ListLogger());
        await Assert.ThrowsAsync<RegistryNotFoundException>(() => rerun.GetManifestAsync(target, default));
        var digest = await ImageOutputs.WriteAsync(target, [image], store, rerun, default);

        Assert.Equal(image.Digest, digest);
        Assert.Equal(image.Digest, (await rerun.GetManifestAsync(target, default)).Digest);
    }

    [Fact]
    public async Task MissingTagNamesReferenceAndCode()
    {
        using var client = new RegistryClient(new RegistryClientOptions(), new ListLogger());
        var reference = RegistryReference.Parse(Server.Reference("missing/image:v1"));

        var error = await Assert.ThrowsAsync<RegistryNotFoundException>(() => client.GetManifestAsync(reference, default));

        Assert.Contains(reference.ToString(), error.Message);
        Assert.Contains("404", error.Message);
        Assert.NotNull(error.Error);
        Assert.Contains("UNKNOWN", error.Error!.Code);
    }
}
