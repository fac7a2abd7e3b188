using Distill.Sbom;

namespace Distill.Tests.Sbom;

public sealed class SbomDeterminismTests
{
    [Fact]
    public void Serialize_SameInput_SameBytes()
    {
        Assert.Equal(SpdxJsonWriter.Serialize(SampleSbom.Document()), SpdxJsonWriter.Serialize(SampleSbom.Document()));
        Assert.Equal(CycloneDxJsonWriter.Serialize(SampleSbom.Document()), CycloneDxJsonWriter.Serialize(SampleSbom.Document()));
    }

    [Fact]
    public void Serialize_ReorderedInput_SameBytes()
    {
        var reordered = new SbomDocument(
            SampleSbom.Subject(),
            SampleSbom.Packages().Reverse(),
            SampleSbom.Files().Reverse(),
            SampleSbom.Created.ToUniversalTime(),
            "0.1.0");

        Assert.Equal(SpdxJsonWriter.Serialize(SampleSbom.Document()), SpdxJsonWriter.Serialize(reordered));
        Assert.Equal(CycloneDxJsonWriter.Serialize(SampleSbom.Document()), CycloneDxJsonWriter.Serialize(reordered));
    }

    [Fact]
    public void Identifiers_DifferentDigest_Differ()
    {
        var first = SampleSbom.Subject("first");
        var second = SampleSbom.Subject("second");

        Assert.NotEqual(SpdxJsonWriter.DocumentNamespace(first), SpdxJsonWriter.DocumentNamespace(second));
        Assert.NotEqual(CycloneDxJsonWriter.SerialNumber(first), CycloneDxJsonWriter.SerialNumber(second));
        Assert.NotEqual(SpdxJsonWriter.Serialize(SampleSbom.Document("first")), SpdxJsonWriter.Serialize(SampleSbom.Document("second")));
    }

    [Fact]
    public void Identifiers_SameDigest_Equal()
    {
        Assert.Equal(
            CycloneDxJsonWriter.SerialNumber(SampleSbom.Subject("first")),
            CycloneDxJsonWriter.SerialNumber(SampleSbom.Subject("first")));
    }

    /// <summary>
    /// Pins the name-based UUID of RFC 9562 so that a change to its derivation, which would give every
    /// image a new namespace and serial number, fails here. The expected value is Python's
    /// uuid.uuid5(uuid.NAMESPACE_URL, "distill:image:sha256:" + 64 zeros).
    /// </summary>
    [Fact]
    public void SerialNumber_MatchesUuidVersion5()
    {
        var subject = SampleSbom.Subject() with { ManifestDigest = Distill.Blobs.Digest.Parse("sha256:" + new string('0', 64)) };

        Assert.Equal("urn:uuid:c55b9b07-6e66-5152-909a-58014efa8949", CycloneDxJsonWriter.SerialNumber(subject));
    }
}
