using System.Runtime.Versioning;
using Distill.Blobs;
using Distill.Copying;
using Distill.Output;
using Distill.Registry;
using Distill.Tests.EndToEnd;
using Distill.Tests.Layers;
using Distill.Tests.Output;

namespace Distill.Tests.Registry;

[UnsupportedOSPlatform("windows")]
public sealed class HtpasswdAuthTests(HtpasswdRegistryFixture fixture) : IClassFixture<HtpasswdRegistryFixture>, IDisposable
{
    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task PushWithCredentialsSucceeds()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store);
        var target = RegistryReference.Parse(fixture.Server.Reference("basic/app:v1"));
        var options = new RegistryClientOptions
        {
            Credentials = new RegistryCredentials(RegistryServer.Username, RegistryServer.Password),
        };
        using var client = new RegistryClient(options, new ListLogger());

        var digest = await ImageOutputs.WriteAsync(target, [image], store, client, default);

        Assert.Equal(image.Digest, digest);
        Assert.Equal(image.Digest, (await client.GetManifestAsync(target, default)).Digest);
    }

    [Fact]
    public async Task PushWithoutCredentialsIsUnauthorized()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store);
        var target = RegistryReference.Parse(fixture.Server.Reference("basic/denied:v1"));
        var options = new RegistryClientOptions { DockerConfigDirectory = directory.Combine("no-docker-config") };
        using var client = new RegistryClient(options, new ListLogger());

        var error = await Assert.ThrowsAsync<RegistryUnauthorizedException>(
            () => ImageOutputs.WriteAsync(target, [image], store, client, default));

        Assert.Contains(target.ToString(), error.Message);
        Assert.Contains("401", error.Message);
        Assert.Contains("--creds", error.Message);
        Assert.Contains("docker login", error.Message);
    }

    [Fact]
    public async Task DockerConfigAuthIsUsed()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store);
        var configDirectory = directory.Combine("docker");
        Directory.CreateDirectory(configDirectory);
        var auth = Convert.ToBase64String(
            System.Text.Encoding.UTF8.GetBytes($"{RegistryServer.Username}:{RegistryServer.Password}"));
        File.WriteAllText(Path.Combine(configDirectory, "config.json"),
            $$$"""{"auths": {"{{{fixture.Server.Host}}}": {"auth": "{{{auth}}}"} } }""");
        var target = RegistryReference.Parse(fixture.Server.Reference("basic/config:v1"));
        using var client = new RegistryClient(new RegistryClientOptions { DockerConfigDirectory = configDirectory },
            new ListLogger());

        var digest = await ImageOutputs.WriteAsync(target, [image], store, client, default);

        Assert.Equal(image.Digest, digest);
    }
}

[UnsupportedOSPlatform("windows")]
public sealed class TokenAuthTests(TokenRegistryFixture fixture) : IClassFixture<TokenRegistryFixture>, IDisposable
{
    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static RegistryClientOptions Options => new()
    {
        Credentials = new RegistryCredentials(RegistryServer.Username, RegistryServer.Password),
    };

    [Fact]
    public async Task PushAndPullWithToken()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store);
        var target = RegistryReference.Parse(fixture.Server.Reference("token/app:v1"));
        using var client = new RegistryClient(Options, new ListLogger());

        var digest = await ImageOutputs.WriteAsync(target, [image], store, client, default);

        Assert.Equal(image.Digest, digest);
        Assert.Contains("repository:token/app:pull,push", fixture.Server.TokenServer!.RequestedScopes);
        using var reader = new RegistryClient(Options, new ListLogger());
        Assert.Equal(image.Digest, (await reader.GetManifestAsync(target, default)).Digest);
        Assert.Contains("repository:token/app:pull", fixture.Server.TokenServer.RequestedScopes);
    }

    [Fact]
    public async Task MountRequestsSourcePullScope()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store, label: "token-mount");
        using var client = new RegistryClient(Options, new ListLogger());
        await ImageOutputs.WriteAsync(RegistryReference.Parse(fixture.Server.Reference("token/source:v1")), [image],
            store, client, default);
        var logger = new ListLogger();
        using var copyClient = new RegistryClient(Options, logger);

        var digest = await new ImageCopier(new BlobStore(directory.Combine("copy")), copyClient).CopyAsync(
            RegistryReference.Parse(fixture.Server.Reference("token/source:v1")),
            RegistryReference.Parse(fixture.Server.Reference("token/mounted:v1")), default);

        Assert.Equal(image.Digest, digest);
        Assert.Contains(logger.Messages, message => message.StartsWith("Mounted blob"));
        Assert.Contains("repository:token/source:pull", fixture.Server.TokenServer!.RequestedScopes);
    }

    [Fact]
    public async Task WrongPasswordIsUnauthorized()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store);
        var options = new RegistryClientOptions { Credentials = new RegistryCredentials(RegistryServer.Username, "wrong") };
        using var client = new RegistryClient(options, new ListLogger());

        var error = await Assert.ThrowsAsync<RegistryUnauthorizedException>(() => ImageOutputs.WriteAsync(
            RegistryReference.Parse(fixture.Server.Reference("token/denied:v1")), [image], store, client, default));

        Assert.Contains("--creds", error.Message);
    }

    [Fact]
    public async Task VerbosePushPrintsNoSecret()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = TestImages.Build(store, label: "secret");
        var layout = directory.Combine("layout");
        OciLayout.Write(layout, "v1", image, store);

        var result = await DistillProcess.RunSuccessfullyAsync(
            ["copy", $"oci:{layout}:v1", fixture.Server.Reference("token/verbose:v1"), "--verbose",
                "--creds", $"{RegistryServer.Username}:{RegistryServer.Password}"],
            cacheDirectory: directory.Combine("cache"));

        var output = result.StandardOutput + result.StandardError;
        Assert.Contains("HTTP PUT", output);
        Assert.Contains(image.Digest.ToString(), result.StandardOutput);
        Assert.DoesNotContain(RegistryServer.Password, output);
        Assert.NotEmpty(fixture.Server.TokenServer!.IssuedTokens);
        foreach (var token in fixture.Server.TokenServer.IssuedTokens)
        {
            Assert.DoesNotContain(token, output);
            Assert.DoesNotContain(token.Split('.')[2], output);
        }
    }
}
