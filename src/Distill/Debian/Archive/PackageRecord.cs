using System.Globalization;

namespace Distill.Debian.Archive;

/// <summary>
/// One binary package paragraph of a Packages index. Relationship fields are parsed when first read,
/// because most of a large index is never looked at.
/// </summary>
public sealed class PackageRecord
{
    private IReadOnlyList<IReadOnlyList<PackageRelation>>? depends;
    private IReadOnlyList<IReadOnlyList<PackageRelation>>? preDepends;
    private IReadOnlyList<PackageRelation>? provides;

    private PackageRecord(ControlParagraph paragraph, string package, DebianVersion version, Uri? mirrorUri)
    {
        Paragraph = paragraph;
        MirrorUri = mirrorUri;
        Package = package;
        Version = version;
        Architecture = paragraph.Require("Architecture");
        Filename = paragraph.Require("Filename");
        Size = ParseSize(package, paragraph.Require("Size"));
        Sha256 = paragraph.Require("SHA256").ToLowerInvariant();
        (Source, SourceVersion) = ParseSource(paragraph["Source"], package, version);
    }

    public ControlParagraph Paragraph { get; }

    /// <summary>
    /// The base URL of the archive that listed the package, which <see cref="Filename"/> is relative to.
    /// </summary>
    public Uri? MirrorUri { get; }

    public string Package { get; }

    public DebianVersion Version { get; }

    /// <summary>A Debian architecture name ("amd64", "arm64") or "all".</summary>
    public string Architecture { get; }

    /// <summary>
    /// The path of the .deb relative to the mirror's base URL ("pool/main/b/bash/bash_5.2.37-2_amd64.deb").
    /// </summary>
    public string Filename { get; }

    /// <summary>The size of the .deb in bytes.</summary>
    public long Size { get; }

    /// <summary>The SHA-256 digest of the .deb in lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>The source package name: the Source field without its version, or <see cref="Package"/>.</summary>
    public string Source { get; }

    /// <summary>The version in "Source: name (version)", or <see cref="Version"/> when the field has none.</summary>
    public DebianVersion SourceVersion { get; }

    /// <summary>The Multi-Arch field ("same", "foreign", "allowed", "no"), or null.</summary>
    public string? MultiArch => Paragraph["Multi-Arch"];

    public bool Essential => string.Equals(Paragraph["Essential"], "yes", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<IReadOnlyList<PackageRelation>> Depends =>
        depends ??= PackageRelation.ParseAlternatives(Paragraph["Depends"]);

    public IReadOnlyList<IReadOnlyList<PackageRelation>> PreDepends =>
        preDepends ??= PackageRelation.ParseAlternatives(Paragraph["Pre-Depends"]);

    public IReadOnlyList<PackageRelation> Provides => provides ??= PackageRelation.ParseList(Paragraph["Provides"]);

    /// <summary>
    /// Reads a record from a Packages paragraph, which must have Package, Version, Architecture, Filename,
    /// Size and SHA256 fields.
    /// </summary>
    public static PackageRecord FromParagraph(ControlParagraph paragraph, Uri? mirrorUri = null)
    {
        var package = paragraph.Require("Package");
        var versionText = paragraph["Version"]
            ?? throw new FormatException($"package {package} has no Version field");
        return new PackageRecord(paragraph, package, DebianVersion.Parse(versionText), mirrorUri);
    }

    public override string ToString() => $"{Package} {Version} ({Architecture})";

    private static long ParseSize(string package, string text)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new FormatException($"package {package} has an invalid Size '{text}': expected a number of bytes");
        }

        return size;
    }

    private static (string Name, DebianVersion Version) ParseSource(
        string? field, string package, DebianVersion version)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return (package, version);
        }

        var open = field.IndexOf('(');
        if (open < 0)
        {
            return (field.Trim(), version);
        }

        var close = field.IndexOf(')', open);
        var versionText = close < 0 ? field[(open + 1)..] : field[(open + 1)..close];
        return (field[..open].Trim(), DebianVersion.Parse(versionText));
    }
}
