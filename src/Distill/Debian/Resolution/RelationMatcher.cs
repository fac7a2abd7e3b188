using Distill.Debian.Archive;

namespace Distill.Debian.Resolution;

/// <summary>
/// Decides whether a package satisfies one relation of a Depends or Pre-Depends field on a single
/// architecture, by its own name or through its Provides field, as Debian policy 7.1 and 7.5 define it.
/// </summary>
/// <remarks>
/// Only one architecture is ever installed, so "Multi-Arch: same" and "no" change nothing, and a package
/// of architecture "all" counts as a package of the native architecture.
/// </remarks>
internal static class RelationMatcher
{
    /// <summary>Returns whether the package, by name or through Provides, satisfies the relation.</summary>
    public static bool Satisfies(PackageRecord record, PackageRelation relation, string architecture) =>
        RejectAsPackage(record, relation, architecture) is null
        || RejectAsProvider(record, relation, architecture) is null;

    /// <summary>
    /// Returns why the package named by the relation does not satisfy it, or null when it does.
    /// </summary>
    public static string? RejectAsPackage(PackageRecord record, PackageRelation relation, string architecture)
    {
        if (record.Package != relation.Name)
        {
            return $"{record.Package} is not {relation.Name}";
        }

        if (RejectArchitecture(record, relation, architecture) is { } problem)
        {
            return problem;
        }

        return VersionSatisfies(record.Version, relation)
            ? null
            : $"no version satisfies {relation}: the archive has {record.Version}";
    }

    /// <summary>Returns why the package's Provides field does not satisfy the relation, or null when it does.</summary>
    public static string? RejectAsProvider(PackageRecord record, PackageRelation relation, string architecture)
    {
        var provided = record.Provides.Where(provide => provide.Name == relation.Name).ToList();
        if (provided.Count == 0)
        {
            return $"{record.Package} does not provide {relation.Name}";
        }

        if (RejectArchitecture(record, relation, architecture) is { } problem)
        {
            return problem;
        }

        // An unversioned Provides never satisfies a versioned relation (Debian policy 7.5).
        if (relation.Operator is not null
            && !provided.Any(provide => provide.Operator == "=" && VersionSatisfies(provide.Version!, relation)))
        {
            var versions = string.Join(", ", provided.Select(provide => provide.ToString()));
            return $"{record.Package} provides {versions}, which does not satisfy {relation}";
        }

        return null;
    }

    /// <summary>Returns whether a version meets the relation's constraint; true when it has none.</summary>
    public static bool VersionSatisfies(DebianVersion version, PackageRelation relation) => relation.Operator switch
    {
        null => true,
        "<<" => version < relation.Version,
        "<=" => version <= relation.Version,
        "=" => version == relation.Version,
        ">=" => version >= relation.Version,
        ">>" => version > relation.Version,
        var other => throw new ArgumentException($"invalid relation operator '{other}' in {relation}"),
    };

    /// <summary>
    /// Returns why the package's architecture or Multi-Arch field does not meet the relation's
    /// architecture qualifier, or null when it does.
    /// </summary>
    private static string? RejectArchitecture(PackageRecord record, PackageRelation relation, string architecture)
    {
        if (record.Architecture != architecture && record.Architecture != "all")
        {
            return $"{record.Package} is built for {record.Architecture}, not {architecture}";
        }

        switch (relation.ArchitectureQualifier)
        {
            case null or "native":
                return null;

            // A "Multi-Arch: foreign" package satisfies a dependency from any architecture, so it meets
            // ":any" as "Multi-Arch: allowed" does.
            case "any":
                return record.MultiArch is "allowed" or "foreign"
                    ? null
                    : $"{relation} needs a package marked Multi-Arch: allowed or foreign, but {record.Package} "
                        + $"has Multi-Arch: {record.MultiArch ?? "no"}";

            case var qualifier when qualifier == architecture:
                return null;

            default:
                return $"{relation} needs architecture {relation.ArchitectureQualifier}, but the image is "
                    + $"{architecture}";
        }
    }
}
