using System.Text.Json;

namespace Distill.Sbom;

/// <summary>
/// Writes an <see cref="SbomDocument"/> as CycloneDX 1.6 JSON. The image is metadata.component (type
/// container), Debian packages are components of type library identified by their purl, and added
/// files are components of type file. The image depends on every component.
/// </summary>
public static class CycloneDxJsonWriter
{
    /// <summary>The property that names a package's Debian source package.</summary>
    public const string SourceNameProperty = "distill:debian:source_name";

    /// <summary>The property that gives the version of a package's Debian source package.</summary>
    public const string SourceVersionProperty = "distill:debian:source_version";

    /// <summary>Returns the document as indented UTF-8 JSON that ends with a newline.</summary>
    public static byte[] Serialize(SbomDocument document) => SbomJson.Serialize(json => Write(json, document));

    public static void Write(SbomDocument document, Stream output) => output.Write(Serialize(document));

    /// <summary>Returns the serial number "urn:uuid:UUID", with a UUID derived from the manifest digest.</summary>
    public static string SerialNumber(SbomSubject subject) =>
        $"urn:uuid:{SbomIdentifiers.ImageUuid(subject.ManifestDigest)}";

    private static void Write(Utf8JsonWriter json, SbomDocument document)
    {
        var imageRef = document.Subject.ManifestDigest.ToString();
        json.WriteStartObject();
        json.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        json.WriteString("bomFormat", "CycloneDX");
        json.WriteString("specVersion", "1.6");
        json.WriteString("serialNumber", SerialNumber(document.Subject));
        json.WriteNumber("version", 1);
        WriteMetadata(json, document, imageRef);

        json.WriteStartArray("components");
        foreach (var package in document.Packages)
        {
            WritePackage(json, package);
        }

        foreach (var file in document.Files)
        {
            WriteFile(json, file);
        }

        json.WriteEndArray();

        WriteDependencies(json, document, imageRef);
        json.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter json, SbomDocument document, string imageRef)
    {
        json.WriteStartObject("metadata");
        json.WriteString("timestamp", document.CreatedText);

        json.WriteStartObject("tools");
        json.WriteStartArray("components");
        json.WriteStartObject();
        json.WriteString("type", "application");
        json.WriteString("name", "distill");
        json.WriteString("version", document.ToolVersion);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();

        var subject = document.Subject;
        json.WriteStartObject("component");
        json.WriteString("type", "container");
        json.WriteString("bom-ref", imageRef);
        json.WriteString("name", subject.Name);
        json.WriteString("version", subject.ManifestDigest.ToString());
        WriteHashes(json, ("SHA-256", subject.ManifestDigest.Hex));
        WriteProperties(json, ("distill:image:architecture", subject.Architecture));
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter json, SbomPackage package)
    {
        json.WriteStartObject();
        json.WriteString("type", "library");
        json.WriteString("bom-ref", package.Purl);
        if (package.Maintainer is not null)
        {
            json.WriteString("publisher", package.Maintainer);
        }

        json.WriteString("name", package.Name);
        json.WriteString("version", package.Version);
        WriteHashes(json, ("SHA-256", package.Sha256));
        if (package.License != SbomPackage.NoAssertion)
        {
            json.WriteStartArray("licenses");
            json.WriteStartObject();
            json.WriteString("expression", package.License);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteString("purl", package.Purl);
        WriteProperties(
            json,
            (SourceNameProperty, package.SourceName),
            (SourceVersionProperty, package.SourceVersion));
        json.WriteEndObject();
    }

    private static void WriteFile(Utf8JsonWriter json, SbomFile file)
    {
        json.WriteStartObject();
        json.WriteString("type", "file");
        json.WriteString("bom-ref", FileRef(file));
        json.WriteString("name", "/" + file.Path);
        if (file.Sha1 is null)
        {
            WriteHashes(json, ("SHA-256", file.Sha256));
        }
        else
        {
            WriteHashes(json, ("SHA-1", file.Sha1), ("SHA-256", file.Sha256));
        }

        json.WriteEndObject();
    }

    private static void WriteDependencies(Utf8JsonWriter json, SbomDocument document, string imageRef)
    {
        json.WriteStartArray("dependencies");
        json.WriteStartObject();
        json.WriteString("ref", imageRef);
        json.WriteStartArray("dependsOn");
        foreach (var package in document.Packages)
        {
            json.WriteStringValue(package.Purl);
        }

        foreach (var file in document.Files)
        {
            json.WriteStringValue(FileRef(file));
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteHashes(Utf8JsonWriter json, params (string Algorithm, string Content)[] hashes)
    {
        json.WriteStartArray("hashes");
        foreach (var (algorithm, content) in hashes)
        {
            json.WriteStartObject();
            json.WriteString("alg", algorithm);
            json.WriteString("content", content);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteProperties(Utf8JsonWriter json, params (string Name, string Value)[] properties)
    {
        json.WriteStartArray("properties");
        foreach (var (name, value) in properties)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("value", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string FileRef(SbomFile file) => $"file:/{file.Path}";
}
