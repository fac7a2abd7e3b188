namespace Distill.Debian.Archive;

/// <summary>Raised when a package name is in none of the suites that a build reads.</summary>
public sealed class PackageNotFoundException(IReadOnlyList<string> names, string distro, string architecture)
    : DistillException(
        $"package{(names.Count > 1 ? "s" : "")} {string.Join(", ", names)} not found in {distro} for "
        + $"{architecture}: check the name with 'apt-cache policy NAME' on a {distro} machine")
{
    public IReadOnlyList<string> Names { get; } = names;
}
