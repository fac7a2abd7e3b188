using Distill.Debian.Archive;

namespace Distill.Sbom;

/// <summary>
/// A Debian binary package installed in the image. <see cref="Sha256"/> is the digest of the .deb in
/// lowercase hex, <see cref="License"/> is an SPDX license expression or <see cref="NoAssertion"/>, and
/// <see cref="Distro"/> is the purl distro qualifier ("debian-12").
/// </summary>
public sealed record SbomPackage(
    string Name,
    string Version,
    string Architecture,
    string SourceName,
    string SourceVersion,
    string Sha256,
    string License,
    string Distro)
{
    /// <summary>The SPDX value for information that the document does not assert.</summary>
    public const string NoAssertion = "NOASSERTION";

    /// <summary>The Maintainer field ("Name &lt;email&gt;"), or null.</summary>
    public string? Maintainer { get; init; }

    /// <summary>
    /// The package URL, such as "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&amp;distro=debian-12".
    /// </summary>
    public string Purl => PackageUrl.ForDebianPackage(Name, Version, Architecture, Distro);

    /// <summary>
    /// Creates the entry of a package from its Packages record. <paramref name="license"/> is usually the
    /// result of <see cref="DebianCopyright.ReadLicense"/>.
    /// </summary>
    public static SbomPackage FromRecord(PackageRecord record, DebianDistro distro, string license) =>
        new(
            record.Package,
            record.Version.ToString(),
            record.Architecture,
            record.Source,
            record.SourceVersion.ToString(),
            record.Sha256,
            license,
            DistroQualifier(distro))
        {
            Maintainer = record.Paragraph["Maintainer"],
        };

    /// <summary>Returns the purl distro qualifier of a release: "debian-12" for debian12.</summary>
    public static string DistroQualifier(DebianDistro distro) => $"debian-{distro.Version}";
}
