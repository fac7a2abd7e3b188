namespace Distill.Debian.Archive;

/// <summary>A Debian release that Distill builds from, named as on the command line ("debian12").</summary>
public sealed record DebianDistro(string Name, string Codename)
{
    public static readonly DebianDistro Debian12 = new("debian12", "bookworm");

    public static readonly DebianDistro Debian13 = new("debian13", "trixie");

    public static IReadOnlyList<DebianDistro> Supported { get; } = [Debian12, Debian13];

    /// <summary>The suites read from the main mirror: the release and its -updates suite.</summary>
    public IReadOnlyList<string> MirrorSuites => [Codename, $"{Codename}-updates"];

    public string SecuritySuite => $"{Codename}-security";

    /// <summary>The major version: 12 for debian12.</summary>
    public int Version => int.Parse(Name["debian".Length..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Finds a supported distro by name ("debian13") or codename ("trixie").</summary>
    public static DebianDistro Parse(string name)
    {
        var distro = Supported.FirstOrDefault(d => d.Name == name || d.Codename == name);
        if (distro is null)
        {
            var names = string.Join(", ", Supported.Select(d => d.Name));
            throw new UnsupportedDistroException($"unsupported distro '{name}': expected one of {names}");
        }

        return distro;
    }

    public override string ToString() => $"{Name} ({Codename})";
}
