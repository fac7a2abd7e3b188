using Distill.Content;
using Distill.Debian.Archive;
using Distill.Images;

namespace Distill.Building;

/// <summary>
/// An image that a build made, with what went into it: the package records of its layers, bottom first,
/// the licence of each package as an SPDX expression (NOASSERTION where the package does not say), and
/// the files added on top.
/// </summary>
public sealed record BuiltImage(
    Image Image,
    string Architecture,
    IReadOnlyList<PackageRecord> Packages,
    IReadOnlyDictionary<string, string> Licenses)
{
    /// <summary>The entries of the application layer that --add put on top of the base, if any.</summary>
    public IReadOnlyList<FileEntry> AddedFiles { get; init; } = [];
}
