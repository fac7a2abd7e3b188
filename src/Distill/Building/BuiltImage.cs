using Distill.Debian.Archive;
using Distill.Images;

namespace Distill.Building;

/// <summary>
/// An image that a build made, with what went into it: the package records of its layers, bottom first,
/// and the licence of each package as an SPDX expression (NOASSERTION where the package does not say).
/// </summary>
public sealed record BuiltImage(
    Image Image,
    string Architecture,
    IReadOnlyList<PackageRecord> Packages,
    IReadOnlyDictionary<string, string> Licenses);
