namespace Distill.Building;

/// <summary>A Debian release that images are built from.</summary>
public sealed record Distro(string Name, string Codename, int Version)
{
    public static readonly Distro Debian12 = new("debian12", "bookworm", 12);
    public static readonly Distro Debian13 = new("debian13", "trixie", 13);

    public static readonly IReadOnlyList<Distro> All = [Debian12, Debian13];

    public static Distro Parse(string name) =>
        All.FirstOrDefault(distro => distro.Name == name)
        ?? throw new DistillException(
            $"unknown distro '{name}': use one of {string.Join(", ", All.Select(distro => distro.Name))}");

    public override string ToString() => Name;
}
