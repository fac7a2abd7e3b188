using System.Text.Json.Nodes;
using Distill.Blobs;
using Distill.Referrers;
using Distill.Sbom;
using Distill.Tests.Layers;

namespace Distill.Tests.Referrers;

public sealed class ReferrerIndexTests : IDisposable
{
    private static readonly Descriptor Subject =
        new(MediaTypes.ImageManifest, Digest.Compute("image"u8), 5);

    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void FallbackTagNamesSubjectDigest()
    {
        Assert.Equal($"sha256-{Subject.Digest.Hex}", ReferrerIndex.FallbackTag(Subject.Digest));
    }

    [Fact]
    public void SerializeReplacesEntryWithSameDigest()
    {
        var store = new BlobStore(directory.Combine("store"));
        var spdx = ReferrerEntry.From(CreateArtifact(store, SbomFormat.Spdx, "{\"a\":1}"));
        var cycloneDx = ReferrerEntry.From(CreateArtifact(store, SbomFormat.CycloneDx, "{\"b\":2}"));
        var first = ReferrerIndex.Serialize([], spdx);
        var second = ReferrerIndex.Serialize(ReferrerIndex.Parse(first, "first"), cycloneDx);

        var third = ReferrerIndex.Parse(ReferrerIndex.Serialize(ReferrerIndex.Parse(second, "second"), spdx), "third");

        Assert.Equal([cycloneDx.Manifest, spdx.Manifest], third.Select(entry => entry.Manifest));
        Assert.Equal([SbomFormats.CycloneDxMediaType, SbomFormats.SpdxMediaType], third.Select(entry => entry.ArtifactType));
        Assert.Equal("spdx", third[1].Annotations[ReferrerArtifact.SbomFormatAnnotation]);
        Assert.Equal(MediaTypes.ImageIndex, JsonNode.Parse(second)!["mediaType"]!.GetValue<string>());
    }

    [Fact]
    public void SbomArtifactIsReproducible()
    {
        var first = CreateArtifact(new BlobStore(directory.Combine("first")), SbomFormat.Spdx, "{}");

        var second = CreateArtifact(new BlobStore(directory.Combine("second")), SbomFormat.Spdx, "{}");

        Assert.Equal(first.Manifest, second.Manifest);
        Assert.Equal(Subject, first.Subject);
        Assert.Equal(SbomFormats.SpdxMediaType, first.ArtifactType);
        Assert.Equal(3, first.Blobs.Count);
    }

    [Fact]
    public void UnknownFormatIsRejected()
    {
        var error = Assert.Throws<DistillException>(() => SbomFormats.Parse("swid"));

        Assert.Contains("'swid'", error.Message);
        Assert.Contains("spdx or cyclonedx", error.Message);
    }

    private static ReferrerArtifact CreateArtifact(BlobStore store, SbomFormat format, string content) =>
        ReferrerArtifact.CreateSbom(store, Subject, format, System.Text.Encoding.UTF8.GetBytes(content),
            DateTimeOffset.UnixEpoch);
}
