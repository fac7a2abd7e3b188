namespace Distill.Images;

/// <summary>
/// An OCI platform: the operating system, the CPU architecture in Go's naming ("amd64", "arm64", "386") and
/// an optional variant ("v8", "v7").
/// </summary>
public sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    /// <summary>Debian architecture names and the Linux platforms they build for.</summary>
    private static readonly Dictionary<string, Platform> DebianArchitectures = new(StringComparer.Ordinal)
    {
        ["amd64"] = new("linux", "amd64"),
        ["arm64"] = new("linux", "arm64", "v8"),
        ["armhf"] = new("linux", "arm", "v7"),
        ["armel"] = new("linux", "arm", "v5"),
        ["i386"] = new("linux", "386"),
        ["ppc64el"] = new("linux", "ppc64le"),
        ["s390x"] = new("linux", "s390x"),
        ["riscv64"] = new("linux", "riscv64"),
        ["mips64el"] = new("linux", "mips64le"),
        ["loong64"] = new("linux", "loong64"),
    };

    /// <summary>
    /// Returns the platform of a Debian architecture ("arm64" is linux/arm64/v8), or throws
    /// <see cref="UnsupportedArchitectureException"/>.
    /// </summary>
    public static Platform FromDebianArchitecture(string debianArchitecture) =>
        DebianArchitectures.TryGetValue(debianArchitecture, out var platform)
            ? platform
            : throw new UnsupportedArchitectureException(debianArchitecture, DebianArchitectures.Keys);

    /// <summary>Formats the platform as "os/architecture" or "os/architecture/variant".</summary>
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
