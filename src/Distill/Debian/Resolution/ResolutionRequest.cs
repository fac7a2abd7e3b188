namespace Distill.Debian.Resolution;

/// <summary>
/// What to resolve: the requested packages ("name" or "name=version"), for one Debian architecture, on top
/// of the packages already installed (a base image's), which are never added again and satisfy
/// dependencies. Packages named in <see cref="Excluded"/> are never added, so a dependency on one must take
/// another alternative or fail.
/// </summary>
public sealed record ResolutionRequest(IReadOnlyList<string> Requested, string Architecture)
{
    public IReadOnlyCollection<Archive.PackageRecord> Installed { get; init; } = [];

    public IReadOnlySet<string> Excluded { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
