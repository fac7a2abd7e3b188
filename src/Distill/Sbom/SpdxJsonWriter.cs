using System.Text.Json;
using System.Text.RegularExpressions;

namespace Distill.Sbom;

/// <summary>
/// Writes an <see cref="SbomDocument"/> as SPDX 2.3 JSON. The image is a package whose checksum is the
/// manifest digest. The document DESCRIBES it, and it CONTAINS every Debian package and added file.
/// </summary>
public static partial class SpdxJsonWriter
{
    public const string DocumentId = "SPDXRef-DOCUMENT";

    public const string ImageId = "SPDXRef-Image";

    /// <summary>Returns the document as indented UTF-8 JSON that ends with a newline.</summary>
    public static byte[] Serialize(SbomDocument document) => SbomJson.Serialize(json => Write(json, document));

    public static void Write(SbomDocument document, Stream output) => output.Write(Serialize(document));

    /// <summary>
    /// Returns the document namespace "https://spdx.org/spdxdocs/distill-UUID", a URI that the SPDX
    /// specification suggests, with a UUID derived from the manifest digest.
    /// </summary>
    public static string DocumentNamespace(SbomSubject subject) =>
        $"https://spdx.org/spdxdocs/distill-{SbomIdentifiers.ImageUuid(subject.ManifestDigest)}";

    private static void Write(Utf8JsonWriter json, SbomDocument document)
    {
        var packageIds = AssignIds(
            document.Packages.Select(package => $"Package-deb-{package.Name}-{package.Architecture}"));
        var fileIds = AssignIds(document.Files.Select(file => $"File-{file.Path}"));

        json.WriteStartObject();
        json.WriteString("spdxVersion", "SPDX-2.3");
        json.WriteString("dataLicense", "CC0-1.0");
        json.WriteString("SPDXID", DocumentId);
        json.WriteString("name", document.Subject.Name);
        json.WriteString("documentNamespace", DocumentNamespace(document.Subject));
        WriteCreationInfo(json, document);
        json.WriteStartArray("documentDescribes");
        json.WriteStringValue(ImageId);
        json.WriteEndArray();

        json.WriteStartArray("packages");
        WriteImage(json, document.Subject);
        for (var index = 0; index < document.Packages.Count; index++)
        {
            WritePackage(json, document.Packages[index], packageIds[index]);
        }

        json.WriteEndArray();

        if (document.Files.Count > 0)
        {
            json.WriteStartArray("files");
            for (var index = 0; index < document.Files.Count; index++)
            {
                WriteFile(json, document.Files[index], fileIds[index]);
            }

            json.WriteEndArray();
        }

        WriteExtractedLicenses(json, document.Packages);
        WriteRelationships(json, packageIds.Concat(fileIds));
        json.WriteEndObject();
    }

    private static void WriteCreationInfo(Utf8JsonWriter json, SbomDocument document)
    {
        json.WriteStartObject("creationInfo");
        json.WriteString("created", document.CreatedText);
        json.WriteStartArray("creators");
        json.WriteStringValue($"Tool: distill-{document.ToolVersion}");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteImage(Utf8JsonWriter json, SbomSubject subject)
    {
        json.WriteStartObject();
        json.WriteString("SPDXID", ImageId);
        json.WriteString("name", subject.Name);
        json.WriteString("versionInfo", subject.ManifestDigest.ToString());
        json.WriteString("supplier", SbomPackage.NoAssertion);
        json.WriteString("downloadLocation", SbomPackage.NoAssertion);
        json.WriteBoolean("filesAnalyzed", false);
        WriteChecksums(json, ("SHA256", subject.ManifestDigest.Hex));
        json.WriteString("licenseConcluded", SbomPackage.NoAssertion);
        json.WriteString("licenseDeclared", SbomPackage.NoAssertion);
        json.WriteString("copyrightText", SbomPackage.NoAssertion);
        json.WriteString("primaryPackagePurpose", "CONTAINER");
        json.WriteString(
            "comment", $"Container image for {subject.Architecture}. The checksum is the manifest digest.");
        json.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter json, SbomPackage package, string id)
    {
        json.WriteStartObject();
        json.WriteString("SPDXID", id);
        json.WriteString("name", package.Name);
        json.WriteString("versionInfo", package.Version);
        json.WriteString("supplier", Supplier(package.Maintainer));
        json.WriteString("originator", SbomPackage.NoAssertion);
        json.WriteString("downloadLocation", SbomPackage.NoAssertion);
        json.WriteBoolean("filesAnalyzed", false);
        WriteChecksums(json, ("SHA256", package.Sha256));
        json.WriteString(
            "sourceInfo", $"built from Debian source package {package.SourceName} {package.SourceVersion}");
        json.WriteString("licenseConcluded", SbomPackage.NoAssertion);
        json.WriteString("licenseDeclared", package.License);
        json.WriteString("copyrightText", SbomPackage.NoAssertion);
        json.WriteStartArray("externalRefs");
        json.WriteStartObject();
        json.WriteString("referenceCategory", "PACKAGE-MANAGER");
        json.WriteString("referenceType", "purl");
        json.WriteString("referenceLocator", package.Purl);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("primaryPackagePurpose", "LIBRARY");
        json.WriteEndObject();
    }

    private static void WriteFile(Utf8JsonWriter json, SbomFile file, string id)
    {
        json.WriteStartObject();
        json.WriteString("SPDXID", id);
        json.WriteString("fileName", "./" + file.Path);
        if (file.Sha1 is null)
        {
            WriteChecksums(json, ("SHA256", file.Sha256));
        }
        else
        {
            WriteChecksums(json, ("SHA1", file.Sha1), ("SHA256", file.Sha256));
        }

        json.WriteString("licenseConcluded", SbomPackage.NoAssertion);
        json.WriteString("copyrightText", SbomPackage.NoAssertion);
        json.WriteEndObject();
    }

    private static void WriteChecksums(Utf8JsonWriter json, params (string Algorithm, string Value)[] checksums)
    {
        json.WriteStartArray("checksums");
        foreach (var (algorithm, value) in checksums)
        {
            json.WriteStartObject();
            json.WriteString("algorithm", algorithm);
            json.WriteString("checksumValue", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// Declares each LicenseRef that a package's license uses, as SPDX 2.3 requires of every LicenseRef
    /// in a document.
    /// </summary>
    private static void WriteExtractedLicenses(Utf8JsonWriter json, IEnumerable<SbomPackage> packages)
    {
        var references = packages
            .SelectMany(package => LicenseRefPattern().Matches(package.License).Select(match => match.Value))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (references.Count == 0)
        {
            return;
        }

        json.WriteStartArray("hasExtractedLicensingInfos");
        foreach (var reference in references)
        {
            json.WriteStartObject();
            json.WriteString("licenseId", reference);
            json.WriteString("name", reference["LicenseRef-".Length..]);
            json.WriteString(
                "extractedText",
                "A license that a Debian copyright file names without an SPDX identifier; " +
                "usr/share/doc/PACKAGE/copyright in the image holds its text.");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteRelationships(Utf8JsonWriter json, IEnumerable<string> containedIds)
    {
        json.WriteStartArray("relationships");
        WriteRelationship(json, DocumentId, "DESCRIBES", ImageId);
        foreach (var id in containedIds)
        {
            WriteRelationship(json, ImageId, "CONTAINS", id);
        }

        json.WriteEndArray();
    }

    private static void WriteRelationship(Utf8JsonWriter json, string element, string type, string related)
    {
        json.WriteStartObject();
        json.WriteString("spdxElementId", element);
        json.WriteString("relationshipType", type);
        json.WriteString("relatedSpdxElement", related);
        json.WriteEndObject();
    }

    /// <summary>
    /// Returns "Organization: NAME (EMAIL)" for a Maintainer field, or NOASSERTION. Debian maintainers are
    /// often teams, and SPDX has no neutral form, so the writer uses Organization for all of them.
    /// </summary>
    private static string Supplier(string? maintainer)
    {
        if (string.IsNullOrWhiteSpace(maintainer))
        {
            return SbomPackage.NoAssertion;
        }

        var open = maintainer.IndexOf('<');
        var close = maintainer.IndexOf('>', Math.Max(open, 0));
        if (open < 0 || close < 0)
        {
            return $"Organization: {maintainer.Trim()}";
        }

        return $"Organization: {maintainer[..open].Trim()} ({maintainer[(open + 1)..close].Trim()})";
    }

    /// <summary>Returns one SPDX ID per name, adding "-2", "-3" to names that sanitise to the same ID.</summary>
    private static List<string> AssignIds(IEnumerable<string> names)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { DocumentId, ImageId };
        var ids = new List<string>();
        foreach (var name in names)
        {
            var baseId = SbomIdentifiers.SpdxId(name);
            var id = baseId;
            for (var suffix = 2; !used.Add(id); suffix++)
            {
                id = $"{baseId}-{suffix}";
            }

            ids.Add(id);
        }

        return ids;
    }

    [GeneratedRegex(@"LicenseRef-[A-Za-z0-9.\-]+")]
    private static partial Regex LicenseRefPattern();
}
