namespace Distill.Locking;

/// <summary>Lists the package changes between two lock files, for `distill lock --update` to print.</summary>
public static class LockFileChanges
{
    /// <summary>
    /// Returns one line per change, sorted: "libc6 2.41-12 -> 2.41-12+deb13u1", "added NAME VERSION" or
    /// "removed NAME VERSION". A change that differs between architectures, or that only some architectures
    /// have, is prefixed with the architecture ("arm64: ...").
    /// </summary>
    public static IReadOnlyList<string> Compare(LockFile previous, LockFile updated)
    {
        var architectures = previous.Architectures.Select(locked => locked.Architecture)
            .Union(updated.Architectures.Select(locked => locked.Architecture))
            .Order(StringComparer.Ordinal)
            .ToList();
        var changesByArchitecture = architectures.ToDictionary(
            architecture => architecture,
            architecture => Compare(previous.Find(architecture), updated.Find(architecture)));

        var common = new HashSet<string>(changesByArchitecture.Values.FirstOrDefault() ?? [], StringComparer.Ordinal);
        foreach (var changes in changesByArchitecture.Values)
        {
            common.IntersectWith(changes);
        }

        var lines = common.Order(StringComparer.Ordinal).ToList();
        foreach (var (architecture, changes) in changesByArchitecture)
        {
            var own = changes.Where(change => !common.Contains(change));
            lines.AddRange(own.Select(change => $"{architecture}: {change}"));
        }

        return lines;
    }

    private static List<string> Compare(LockedArchitecture? previous, LockedArchitecture? updated)
    {
        var before = (previous?.Packages ?? []).ToDictionary(package => package.Package, StringComparer.Ordinal);
        var after = (updated?.Packages ?? []).ToDictionary(package => package.Package, StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(name);
            var current = after.GetValueOrDefault(name);
            if (old is null)
            {
                changes.Add($"added {name} {current!.Version}");
            }
            else if (current is null)
            {
                changes.Add($"removed {name} {old.Version}");
            }
            else if (old.Version != current.Version)
            {
                changes.Add($"{name} {old.Version} -> {current.Version}");
            }
            else if (old.Sha256 != current.Sha256)
            {
                changes.Add($"{name} {old.Version}: new .deb with SHA-256 {current.Sha256}");
            }
        }

        return changes;
    }
}
