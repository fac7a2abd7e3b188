using Distill.Blobs;
using Distill.Referrers;
using Distill.Registry;
using Distill.Sbom;
using Distill.Tests.Layers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Distill.Tests.Referrers;

/// <summary>Pushes and reads SBOM artifacts on a registry whose referrers API lists them, so no fallback tag is needed.</summary>
public sealed class ReferrersApiTests : IDisposable
{
    private readonly TestDirectory directory = new();

    private readonly ReferrersApiRegistry registry = new();

    public void Dispose()
    {
        registry.Dispose();
        directory.Dispose();
    }

    [Fact]
    public async Task PushSkipsFallbackTag()
    {
        var store = new BlobStore(directory.Combine("store"));
        var image = store.Add(MediaTypes.ImageManifest, "{\"schemaVersion\":2}"u8);
        var document = "{\"spdxVersion\":\"SPDX-2.3\"}"u8.ToArray();
        var artifact = ReferrerArtifact.CreateSbom(store, image, SbomFormat.Spdx, document, DateTimeOffset.UnixEpoch);
        var target = RegistryReference.Parse($"docker://{registry.Host}/app:v1");
        using var client = new RegistryClient(new RegistryClientOptions(), NullLogger.Instance);
        var referrers = new RegistryReferrers(client);

        await referrers.PushAsync(target, artifact, store, CancellationToken.None);
        var found = await referrers.FindAsync(target, image.Digest, SbomFormats.SpdxMediaType, CancellationToken.None);
        var others = await referrers.FindAsync(target, image.Digest, SbomFormats.CycloneDxMediaType, CancellationToken.None);

        Assert.False(registry.HasTag(ReferrerIndex.FallbackTag(image.Digest)), "the push wrote the fallback tag");
        Assert.Contains($"GET /v2/app/referrers/{image.Digest}", registry.Requests);
        var entry = Assert.Single(found);
        Assert.Equal(artifact.Manifest, entry.Manifest);
        Assert.Empty(others);
        Assert.Equal(document, await referrers.ReadArtifactAsync(target, entry, CancellationToken.None));
    }
}
