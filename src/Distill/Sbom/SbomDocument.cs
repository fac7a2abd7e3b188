using System.Globalization;

namespace Distill.Sbom;

/// <summary>
/// Everything an SBOM of one image states. The constructor sorts packages by name, architecture and
/// version and files by path (ordinal), so the writers produce the same bytes for the same contents in
/// any input order. <see cref="Created"/> is passed in rather than read from the clock for the same
/// reason, and is written in UTC to the second.
/// </summary>
public sealed class SbomDocument
{
    public SbomDocument(
        SbomSubject subject,
        IEnumerable<SbomPackage> packages,
        IEnumerable<SbomFile> files,
        DateTimeOffset created,
        string? toolVersion = null)
    {
        Subject = subject;
        Packages = packages
            .OrderBy(package => package.Name, StringComparer.Ordinal)
            .ThenBy(package => package.Architecture, StringComparer.Ordinal)
            .ThenBy(package => package.Version, StringComparer.Ordinal)
            .ToList();
        Files = files.OrderBy(file => file.Path, StringComparer.Ordinal).ToList();
        Created = created.ToUniversalTime();
        ToolVersion = toolVersion ?? DefaultToolVersion();
    }

    public SbomSubject Subject { get; }

    public IReadOnlyList<SbomPackage> Packages { get; }

    public IReadOnlyList<SbomFile> Files { get; }

    public DateTimeOffset Created { get; }

    /// <summary>The version of Distill named as the creating tool ("0.1.0").</summary>
    public string ToolVersion { get; }

    /// <summary>Returns the time of creation as both formats write it: "2025-05-20T00:00:00Z".</summary>
    public string CreatedText => Created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string DefaultToolVersion()
    {
        var version = typeof(SbomDocument).Assembly.GetName().Version;
        return version is null ? "unknown" : version.ToString(3);
    }
}
