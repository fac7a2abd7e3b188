using Distill.Blobs;
using Distill.Output;
using Distill.Registry;

namespace Distill.Tests.Registry;

public sealed class RegistryReferenceTests
{
    [Theory]
    [InlineData("docker://127.0.0.1:5000/distill/cc:latest", "127.0.0.1:5000", "distill/cc", "latest")]
    [InlineData("docker://registry.example/app", "registry.example", "app", "latest")]
    [InlineData("docker://localhost/team/app:1.0", "localhost", "team/app", "1.0")]
    [InlineData("docker://[::1]:5000/app:v2", "[::1]:5000", "app", "v2")]
    public void ParsesHostRepositoryAndTag(string value, string host, string repository, string tag)
    {
        var reference = Assert.IsType<RegistryReference>(OutputReference.Parse(value));

        Assert.Equal(host, reference.Host);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Null(reference.Digest);
    }

    [Fact]
    public void ParsesDigest()
    {
        var digest = Digest.Compute("x"u8);

        var reference = RegistryReference.Parse($"docker://registry.example/app@{digest}");

        Assert.Equal(digest, reference.Digest);
        Assert.Null(reference.Tag);
        Assert.Equal(digest.ToString(), reference.ManifestReference);
        Assert.Equal($"docker://registry.example/app@{digest}", reference.ToString());
    }

    [Theory]
    [InlineData("docker://distill/cc:latest", "registry host is missing")]
    [InlineData("docker://cc", "registry host is missing")]
    [InlineData("docker://registry.example/App:1", "repository name 'App' is invalid")]
    [InlineData("docker://registry.example/app:-bad", "tag '-bad' is invalid")]
    [InlineData("docker://registry.example/app@sha256:abc", "digest is invalid")]
    public void RejectsInvalidReference(string value, string reason)
    {
        var error = Assert.Throws<InvalidOutputReferenceException>(() => OutputReference.Parse(value));

        Assert.Contains(value, error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("registry.example", false)]
    [InlineData("registry.example:5000", false)]
    [InlineData("insecure.example:5000", true)]
    public void PlainHttpOnlyForLoopbackOrInsecure(string host, bool plainHttp)
    {
        var api = RegistryEndpoint.GetApiBase(host, ["insecure.example:5000"]);

        Assert.Equal(plainHttp ? "http" : "https", api.Scheme);
        Assert.Equal("/v2/", api.AbsolutePath);
    }
}
