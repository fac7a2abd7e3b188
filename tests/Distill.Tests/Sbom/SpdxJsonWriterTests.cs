using System.Text.Json;
using System.Text.RegularExpressions;
using Distill.Sbom;

namespace Distill.Tests.Sbom;

/// <summary>
/// Checks the SPDX 2.3 output field by field. NOTE: no npm package that was found ships the SPDX 2.3
/// JSON schema, so these tests check the fields that the schema requires and the patterns it sets for
/// them by hand instead of validating against the schema.
/// </summary>
public sealed partial class SpdxJsonWriterTests
{
    [Fact]
    public void Serialize_WritesDocumentCreationInfo()
    {
        var document = SampleSbom.Document();
        using var spdx = JsonDocument.Parse(SpdxJsonWriter.Serialize(document));
        var root = spdx.RootElement;

        Assert.Equal("SPDX-2.3", root.GetProperty("spdxVersion").GetString());
        Assert.Equal("CC0-1.0", root.GetProperty("dataLicense").GetString());
        Assert.Equal("SPDXRef-DOCUMENT", root.GetProperty("SPDXID").GetString());
        Assert.Equal("example/app:1.0", root.GetProperty("name").GetString());
        Assert.Equal(SpdxJsonWriter.DocumentNamespace(document.Subject), root.GetProperty("documentNamespace").GetString());
        Assert.Matches(NamespacePattern(), root.GetProperty("documentNamespace").GetString());
        Assert.Equal("2025-05-20T10:30:15Z", root.GetProperty("creationInfo").GetProperty("created").GetString());
        Assert.Equal("Tool: distill-0.1.0", root.GetProperty("creationInfo").GetProperty("creators")[0].GetString());
    }

    [Fact]
    public void Serialize_DescribesImageThatContainsEverything()
    {
        using var spdx = JsonDocument.Parse(SpdxJsonWriter.Serialize(SampleSbom.Document()));
        var root = spdx.RootElement;
        var relationships = root.GetProperty("relationships").EnumerateArray()
            .Select(r => (
                r.GetProperty("spdxElementId").GetString(),
                r.GetProperty("relationshipType").GetString(),
                r.GetProperty("relatedSpdxElement").GetString()))
            .ToList();
        var packageIds = root.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("SPDXID").GetString()).ToList();
        var fileIds = root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("SPDXID").GetString()).ToList();

        Assert.Equal(["SPDXRef-Image"], root.GetProperty("documentDescribes").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image"), relationships);
        Assert.Equal(5, packageIds.Count);
        Assert.Equal(2, fileIds.Count);
        Assert.Equal(packageIds.Count + fileIds.Count, packageIds.Concat(fileIds).Distinct().Count());
        foreach (var id in packageIds.Skip(1).Concat(fileIds))
        {
            Assert.Contains(("SPDXRef-Image", "CONTAINS", id), relationships);
        }
    }

    [Fact]
    public void Serialize_WritesImagePackageWithDigest()
    {
        var document = SampleSbom.Document();
        using var spdx = JsonDocument.Parse(SpdxJsonWriter.Serialize(document));
        var image = spdx.RootElement.GetProperty("packages")[0];

        Assert.Equal("SPDXRef-Image", image.GetProperty("SPDXID").GetString());
        Assert.Equal(document.Subject.ManifestDigest.ToString(), image.GetProperty("versionInfo").GetString());
        Assert.Equal("SHA256", image.GetProperty("checksums")[0].GetProperty("algorithm").GetString());
        Assert.Equal(document.Subject.ManifestDigest.Hex, image.GetProperty("checksums")[0].GetProperty("checksumValue").GetString());
        Assert.Equal("CONTAINER", image.GetProperty("primaryPackagePurpose").GetString());
    }

    [Fact]
    public void Serialize_WritesDebianPackageFields()
    {
        using var spdx = JsonDocument.Parse(SpdxJsonWriter.Serialize(SampleSbom.Document()));
        var packages = spdx.RootElement.GetProperty("packages").EnumerateArray().ToList();
        var ssl = packages.Single(p => p.GetProperty("name").GetString() == "libssl3");
        var purl = ssl.GetProperty("externalRefs")[0];

        Assert.Equal("3.0.16-1~deb12u1", ssl.GetProperty("versionInfo").GetString());
        Assert.Equal(
            "Organization: Debian OpenSSL Team (pkg-openssl-devel@alioth-lists.debian.net)",
            ssl.GetProperty("supplier").GetString());
        Assert.Equal("NOASSERTION", ssl.GetProperty("downloadLocation").GetString());
        Assert.Equal("Apache-2.0 AND (Artistic-1.0-Perl OR GPL-1.0-or-later)", ssl.GetProperty("licenseDeclared").GetString());
        Assert.Equal("NOASSERTION", ssl.GetProperty("licenseConcluded").GetString());
        Assert.Equal("PACKAGE-MANAGER", purl.GetProperty("referenceCategory").GetString());
        Assert.Equal("purl", purl.GetProperty("referenceType").GetString());
        Assert.Equal(
            "pkg:deb/debian/libssl3@3.0.16-1~deb12u1?arch=amd64&distro=debian-12",
            purl.GetProperty("referenceLocator").GetString());
        Assert.Equal(new string('d', 64), ssl.GetProperty("checksums")[0].GetProperty("checksumValue").GetString());
        Assert.Equal(
            "NOASSERTION",
            packages.Single(p => p.GetProperty("name").GetString() == "libstdc++6").GetProperty("supplier").GetString());
    }

    [Fact]
    public void Serialize_DeclaresEveryLicenseRef()
    {
        using var spdx = JsonDocument.Parse(SpdxJsonWriter.Serialize(SampleSbom.Document()));
        var declared = spdx.RootElement.GetProperty("hasExtractedLicensingInfos").EnumerateArray().ToList();

        Assert.Equal(["LicenseRef-public-domain"], declared.Select(info => info.GetProperty("licenseId").GetString()));
        Assert.NotEmpty(declared[0].GetProperty("extractedText").GetString()!);
    }

    /// <summary>Checks what the SPDX 2.3 JSON schema requires of every package, file and checksum.</summary>
    [Fact]
    public void Serialize_HasFieldsSchemaRequires()
    {
        using var spdx = JsonDocument.Parse(SpdxJsonWriter.Serialize(SampleSbom.Document()));
        var root = spdx.RootElement;

        Assert.Matches(CreatedPattern(), root.GetProperty("creationInfo").GetProperty("created").GetString());
        foreach (var package in root.GetProperty("packages").EnumerateArray())
        {
            Assert.Matches(ElementIdPattern(), package.GetProperty("SPDXID").GetString());
            Assert.False(string.IsNullOrEmpty(package.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(package.GetProperty("downloadLocation").GetString()));
            AssertChecksums(package.GetProperty("checksums"));
        }

        foreach (var file in root.GetProperty("files").EnumerateArray())
        {
            Assert.Matches(ElementIdPattern(), file.GetProperty("SPDXID").GetString());
            Assert.StartsWith("./", file.GetProperty("fileName").GetString());
            AssertChecksums(file.GetProperty("checksums"));
        }
    }

    [Fact]
    public void Serialize_FileWithSha1_ListsSha1First()
    {
        using var spdx = JsonDocument.Parse(SpdxJsonWriter.Serialize(SampleSbom.Document()));
        var server = spdx.RootElement.GetProperty("files")[0];

        Assert.Equal("./app/server", server.GetProperty("fileName").GetString());
        Assert.Equal("SHA1", server.GetProperty("checksums")[0].GetProperty("algorithm").GetString());
        Assert.Equal(new string('f', 40), server.GetProperty("checksums")[0].GetProperty("checksumValue").GetString());
    }

    private static void AssertChecksums(JsonElement checksums)
    {
        foreach (var checksum in checksums.EnumerateArray())
        {
            Assert.Contains(checksum.GetProperty("algorithm").GetString(), (string[])["SHA1", "SHA256"]);
            Assert.Matches(HexPattern(), checksum.GetProperty("checksumValue").GetString());
        }
    }

    [GeneratedRegex("^SPDXRef-[a-zA-Z0-9.-]+$")]
    private static partial Regex ElementIdPattern();

    [GeneratedRegex(@"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z$")]
    private static partial Regex CreatedPattern();

    [GeneratedRegex("^[0-9a-f]+$")]
    private static partial Regex HexPattern();

    [GeneratedRegex("^https://spdx.org/spdxdocs/distill-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex NamespacePattern();
}
