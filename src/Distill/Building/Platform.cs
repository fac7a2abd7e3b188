namespace Distill.Building;

/// <summary>
/// A target architecture under both of its names: Debian's (amd64, arm64) for packages and the OCI
/// platform's (architecture and variant) for image configs and indexes.
/// </summary>
public sealed record Platform(string DebianArchitecture, string OciArchitecture, string? Variant)
{
    public static readonly Platform Amd64 = new("amd64", "amd64", null);
    public static readonly Platform Arm64 = new("arm64", "arm64", "v8");

    public static readonly IReadOnlyList<Platform> All = [Amd64, Arm64];

    public static Platform Parse(string name) =>
        All.FirstOrDefault(platform => platform.DebianArchitecture == name)
        ?? throw new DistillException(
            $"unknown architecture '{name}': use one of {string.Join(", ", All.Select(p => p.DebianArchitecture))}");

    /// <summary>Returns the platform of the machine Distill runs on.</summary>
    public static Platform Host() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => Amd64,
            System.Runtime.InteropServices.Architecture.Arm64 => Arm64,
            var other => throw new DistillException(
                $"this machine's architecture {other} has no default image architecture: pass --arch amd64 or arm64"),
        };

    public override string ToString() => DebianArchitecture;
}
