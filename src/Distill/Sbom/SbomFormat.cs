namespace Distill.Sbom;

/// <summary>The SBOM formats Distill writes.</summary>
public enum SbomFormat
{
    /// <summary>SPDX 2.3 JSON.</summary>
    Spdx,

    /// <summary>CycloneDX 1.6 JSON.</summary>
    CycloneDx,
}

/// <summary>The names, media types and writers of each <see cref="SbomFormat"/>.</summary>
public static class SbomFormats
{
    public const string SpdxMediaType = "application/spdx+json";

    public const string CycloneDxMediaType = "application/vnd.cyclonedx+json";

    /// <summary>The names that the command line accepts, as in "--sbom spdx,cyclonedx".</summary>
    public static readonly IReadOnlyList<string> Names = ["spdx", "cyclonedx"];

    /// <summary>
    /// Parses "spdx" or "cyclonedx", ignoring case. Throws <see cref="DistillException"/> naming the value for
    /// anything else.
    /// </summary>
    public static SbomFormat Parse(string value) => value.ToLowerInvariant() switch
    {
        "spdx" => SbomFormat.Spdx,
        "cyclonedx" => SbomFormat.CycloneDx,
        _ => throw new DistillException(
            $"the SBOM format '{value}' is not supported: use {string.Join(" or ", Names)}"),
    };

    /// <summary>Returns the name of a format as the command line spells it.</summary>
    public static string Name(this SbomFormat format) => format == SbomFormat.Spdx ? "spdx" : "cyclonedx";

    /// <summary>Returns the media type of a document, which is also the OCI artifactType of its artifact.</summary>
    public static string MediaType(this SbomFormat format) =>
        format == SbomFormat.Spdx ? SpdxMediaType : CycloneDxMediaType;

    /// <summary>Returns the suffix of a file that contains a document: ".spdx.json" or ".cdx.json".</summary>
    public static string FileSuffix(this SbomFormat format) => format == SbomFormat.Spdx ? ".spdx.json" : ".cdx.json";

    /// <summary>Serializes a document in the format, as indented UTF-8 JSON.</summary>
    public static byte[] Serialize(this SbomFormat format, SbomDocument document) =>
        format == SbomFormat.Spdx ? SpdxJsonWriter.Serialize(document) : CycloneDxJsonWriter.Serialize(document);
}
