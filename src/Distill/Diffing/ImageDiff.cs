using System.Text.Json;

namespace Distill.Diffing;

/// <summary>Whether an item is only in the second image, only in the first, or in both but different.</summary>
public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>A config field whose value differs; a missing value is null.</summary>
public sealed record ConfigChange(string Field, string? Old, string? New);

/// <summary>A package added, removed, or changed in version or architecture.</summary>
public sealed record PackageChange(string Name, ChangeKind Kind, InstalledPackage? Old, InstalledPackage? New);

/// <summary>
/// A path added, removed or changed. <see cref="Aspects"/> names what changed: "type", "content", "mode",
/// "owner" or "link target".
/// </summary>
public sealed record FileChange(string Path, ChangeKind Kind, MergedFile? Old, MergedFile? New,
    IReadOnlyList<string> Aspects);

/// <summary>
/// The differences between two images: their config fields, packages and files. Layer digests, counts and
/// sizes are kept for the report but are not differences, so two images with the same files in other layers
/// do not differ.
/// </summary>
public sealed record ImageDiff(
    ImageSnapshot First,
    ImageSnapshot Second,
    IReadOnlyList<ConfigChange> Config,
    IReadOnlyList<PackageChange> Packages,
    IReadOnlyList<FileChange> Files)
{
    public bool HasDifferences => Config.Count > 0 || Packages.Count > 0 || Files.Count > 0;

    public static ImageDiff Compare(ImageSnapshot first, ImageSnapshot second) =>
        new(first, second, CompareConfig(first.Config, second.Config), ComparePackages(first, second),
            CompareFiles(first, second));

    private static List<ConfigChange> CompareConfig(ImageConfigDetails old, ImageConfigDetails @new)
    {
        var fields = new List<(string Field, string? Old, string? New)>
        {
            ("os", old.Os, @new.Os),
            ("architecture", old.Architecture, @new.Architecture),
            ("variant", old.Variant, @new.Variant),
            ("User", old.User, @new.User),
            ("WorkingDir", old.WorkingDir, @new.WorkingDir),
            ("Entrypoint", Format(old.Entrypoint), Format(@new.Entrypoint)),
            ("Cmd", Format(old.Cmd), Format(@new.Cmd)),
            ("ExposedPorts", Format(old.ExposedPorts), Format(@new.ExposedPorts)),
        };
        fields.AddRange(CompareMaps("Env", ToEnvironment(old.Env), ToEnvironment(@new.Env)));
        fields.AddRange(CompareMaps("Labels", old.Labels, @new.Labels));
        return fields.Where(field => field.Old != field.New)
            .Select(field => new ConfigChange(field.Field, field.Old, field.New)).ToList();
    }

    /// <summary>Compares two maps key by key, naming each field "PREFIX NAME".</summary>
    private static IEnumerable<(string, string?, string?)> CompareMaps(string prefix,
        IReadOnlyDictionary<string, string> old, IReadOnlyDictionary<string, string> @new) =>
        old.Keys.Union(@new.Keys).Order(StringComparer.Ordinal)
            .Select(key => ($"{prefix} {key}", old.GetValueOrDefault(key), @new.GetValueOrDefault(key)));

    private static Dictionary<string, string> ToEnvironment(IEnumerable<string> env)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in env)
        {
            var equals = variable.IndexOf('=');
            if (equals < 0)
            {
                variables[variable] = "";
            }
            else
            {
                variables[variable[..equals]] = variable[(equals + 1)..];
            }
        }

        return variables;
    }

    private static string? Format(IReadOnlyList<string> values) =>
        values.Count == 0 ? null : JsonSerializer.Serialize(values);

    private static List<PackageChange> ComparePackages(ImageSnapshot first, ImageSnapshot second)
    {
        var old = first.Packages.ToDictionary(package => package.Name, StringComparer.Ordinal);
        var @new = second.Packages.ToDictionary(package => package.Name, StringComparer.Ordinal);
        var changes = new List<PackageChange>();
        foreach (var name in old.Keys.Union(@new.Keys).Order(StringComparer.Ordinal))
        {
            var before = old.GetValueOrDefault(name);
            var after = @new.GetValueOrDefault(name);
            if (before is null || after is null)
            {
                changes.Add(new PackageChange(name, before is null ? ChangeKind.Added : ChangeKind.Removed, before,
                    after));
            }
            else if (before.Version != after.Version || before.Architecture != after.Architecture)
            {
                changes.Add(new PackageChange(name, ChangeKind.Changed, before, after));
            }
        }

        return changes;
    }

    private static List<FileChange> CompareFiles(ImageSnapshot first, ImageSnapshot second)
    {
        var changes = new List<FileChange>();
        foreach (var path in first.Files.Keys.Union(second.Files.Keys).Order(StringComparer.Ordinal))
        {
            var before = first.Files.GetValueOrDefault(path);
            var after = second.Files.GetValueOrDefault(path);
            if (before is null || after is null)
            {
                changes.Add(new FileChange(path, before is null ? ChangeKind.Added : ChangeKind.Removed, before,
                    after, []));
                continue;
            }

            var aspects = CompareFile(before, after);
            if (aspects.Count > 0)
            {
                changes.Add(new FileChange(path, ChangeKind.Changed, before, after, aspects));
            }
        }

        return changes;
    }

    private static List<string> CompareFile(MergedFile before, MergedFile after)
    {
        var aspects = new List<string>();
        if (before.Type != after.Type)
        {
            aspects.Add("type");
        }
        else if (before.Sha256 != after.Sha256 || before.Size != after.Size)
        {
            aspects.Add("content");
        }

        if (before.Mode != after.Mode)
        {
            aspects.Add("mode");
        }

        if (before.Uid != after.Uid || before.Gid != after.Gid)
        {
            aspects.Add("owner");
        }

        if (before.LinkTarget != after.LinkTarget)
        {
            aspects.Add("link target");
        }

        return aspects;
    }
}
