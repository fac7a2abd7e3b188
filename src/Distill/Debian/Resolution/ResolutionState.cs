using Distill.Debian.Archive;

namespace Distill.Debian.Resolution;

/// <summary>
/// The packages chosen so far in one resolution, on top of the installed ones, with a mark and roll-back
/// so that a failed alternative leaves no trace.
/// </summary>
internal sealed class ResolutionState(ResolutionRequest request)
{
    private readonly List<ResolvedPackage> added = [];
    private readonly Dictionary<string, ResolvedPackage> addedByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PackageRecord> installedByName =
        request.Installed.ToDictionary(record => record.Package, StringComparer.Ordinal);

    public string Architecture => request.Architecture;

    public IReadOnlyList<ResolvedPackage> Added => added;

    /// <summary>Returns whether an installed or already chosen package satisfies the relation.</summary>
    public bool IsSatisfied(PackageRelation relation) =>
        request.Installed.Any(record => RelationMatcher.Satisfies(record, relation, Architecture))
        || added.Any(package => RelationMatcher.Satisfies(package.Record, relation, Architecture));

    /// <summary>
    /// Returns why a package cannot be added under its name: excluded, or another version of it installed or
    /// chosen already. Returns null when it can.
    /// </summary>
    public string? RejectName(PackageRecord record)
    {
        if (request.Excluded.Contains(record.Package))
        {
            return $"{record.Package} is excluded";
        }

        if (installedByName.TryGetValue(record.Package, out var installed))
        {
            return $"{record.Package} {installed.Version} is already installed and cannot be replaced";
        }

        return addedByName.TryGetValue(record.Package, out var chosen)
            ? $"{record.Package} {chosen.Record.Version} is already chosen"
            : null;
    }

    /// <summary>Adds a package that <paramref name="parent"/> needs, or a requested one when it is null.</summary>
    public void Add(PackageRecord record, string reason, PackageRecord? parent)
    {
        IReadOnlyList<string> parentChain = parent is null
            ? []
            : addedByName.TryGetValue(parent.Package, out var chosen) ? chosen.Chain : [parent.Package];
        var package = new ResolvedPackage(record, reason, [.. parentChain, record.Package]);
        added.Add(package);
        addedByName[record.Package] = package;
    }

    public int Mark() => added.Count;

    public void RollBack(int mark)
    {
        foreach (var package in added.Skip(mark))
        {
            addedByName.Remove(package.Record.Package);
        }

        added.RemoveRange(mark, added.Count - mark);
    }
}
