using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Sbom;

namespace Distill.Tests.Sbom;

public sealed class CycloneDxJsonWriterTests
{
    [Fact]
    public void Serialize_ValidatesAgainstCycloneDx16Schema()
    {
        var bom = CycloneDxJsonWriter.Serialize(SampleSbom.Document());

        Assert.Empty(SbomSchemas.Validate(SbomSchemas.CycloneDx16, bom));
    }

    [Fact]
    public void Serialize_EmptyImage_ValidatesAgainstSchema()
    {
        var document = new SbomDocument(SampleSbom.Subject(), [], [], SampleSbom.Created, "0.1.0");

        Assert.Empty(SbomSchemas.Validate(SbomSchemas.CycloneDx16, CycloneDxJsonWriter.Serialize(document)));
    }

    [Theory]
    [InlineData("specVersion")]
    [InlineData("bomFormat")]
    public void Validate_MissingRequiredField_Fails(string field)
    {
        var bom = JsonNode.Parse(CycloneDxJsonWriter.Serialize(SampleSbom.Document()))!.AsObject();
        bom.Remove(field);

        var errors = SbomSchemas.Validate(SbomSchemas.CycloneDx16, JsonSerializer.SerializeToUtf8Bytes(bom));

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Validate_InvalidTimestamp_Fails()
    {
        var bom = JsonNode.Parse(CycloneDxJsonWriter.Serialize(SampleSbom.Document()))!.AsObject();
        bom["metadata"]!["timestamp"] = "20 May 2025";

        var errors = SbomSchemas.Validate(SbomSchemas.CycloneDx16, JsonSerializer.SerializeToUtf8Bytes(bom));

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Serialize_WritesImageAsContainer()
    {
        var document = SampleSbom.Document();
        using var bom = JsonDocument.Parse(CycloneDxJsonWriter.Serialize(document));
        var metadata = bom.RootElement.GetProperty("metadata");
        var image = metadata.GetProperty("component");

        Assert.Equal("2025-05-20T10:30:15Z", metadata.GetProperty("timestamp").GetString());
        Assert.Equal("container", image.GetProperty("type").GetString());
        Assert.Equal("example/app:1.0", image.GetProperty("name").GetString());
        Assert.Equal(document.Subject.ManifestDigest.ToString(), image.GetProperty("bom-ref").GetString());
        Assert.Equal(document.Subject.ManifestDigest.Hex, image.GetProperty("hashes")[0].GetProperty("content").GetString());
        Assert.Equal("distill", metadata.GetProperty("tools").GetProperty("components")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Serialize_WritesPackagesSortedWithPurlAndSource()
    {
        using var bom = JsonDocument.Parse(CycloneDxJsonWriter.Serialize(SampleSbom.Document()));
        var components = bom.RootElement.GetProperty("components").EnumerateArray().ToList();
        var libraries = components.Where(c => c.GetProperty("type").GetString() == "library").ToList();
        var zlib = libraries.Single(c => c.GetProperty("name").GetString() == "zlib1g");

        Assert.Equal(["libssl3", "libstdc++6", "tzdata", "zlib1g"], libraries.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12", zlib.GetProperty("purl").GetString());
        Assert.Equal("Zlib", zlib.GetProperty("licenses")[0].GetProperty("expression").GetString());
        Assert.Equal("SHA-256", zlib.GetProperty("hashes")[0].GetProperty("alg").GetString());
        Assert.Equal(new string('a', 64), zlib.GetProperty("hashes")[0].GetProperty("content").GetString());
        Assert.Equal("zlib", zlib.GetProperty("properties")[0].GetProperty("value").GetString());
        Assert.Equal("1:1.2.13.dfsg-1", zlib.GetProperty("properties")[1].GetProperty("value").GetString());
    }

    [Fact]
    public void Serialize_NoAssertionLicense_OmitsLicenses()
    {
        using var bom = JsonDocument.Parse(CycloneDxJsonWriter.Serialize(SampleSbom.Document()));
        var libstdcxx = bom.RootElement.GetProperty("components").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "libstdc++6");

        Assert.False(libstdcxx.TryGetProperty("licenses", out _));
    }

    [Fact]
    public void Serialize_WritesAddedFilesWithHashes()
    {
        using var bom = JsonDocument.Parse(CycloneDxJsonWriter.Serialize(SampleSbom.Document()));
        var files = bom.RootElement.GetProperty("components").EnumerateArray()
            .Where(c => c.GetProperty("type").GetString() == "file")
            .ToList();

        Assert.Equal(["/app/server", "/etc/app/config.yaml"], files.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("SHA-1", files[0].GetProperty("hashes")[0].GetProperty("alg").GetString());
        Assert.Equal("SHA-256", files[0].GetProperty("hashes")[1].GetProperty("alg").GetString());
    }
}
