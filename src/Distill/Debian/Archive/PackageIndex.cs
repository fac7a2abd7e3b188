namespace Distill.Debian.Archive;

/// <summary>
/// The binary packages of one or more Packages indexes, keeping for each package name only the newest
/// version in Debian version order.
/// </summary>
public sealed class PackageIndex
{
    private readonly Dictionary<string, PackageRecord> newestByName;
    private Dictionary<string, List<PackageRecord>>? providersByName;

    private PackageIndex(Dictionary<string, PackageRecord> newestByName)
    {
        this.newestByName = newestByName;
    }

    /// <summary>The newest record of every package name, in no particular order.</summary>
    public IReadOnlyCollection<PackageRecord> All => newestByName.Values;

    public int Count => newestByName.Count;

    /// <summary>Returns the newest version of a package, or null when no index has the name.</summary>
    public PackageRecord? Find(string name) => newestByName.GetValueOrDefault(name);

    /// <summary>
    /// Returns the packages whose Provides field names <paramref name="name"/>, sorted by package name.
    /// </summary>
    public IReadOnlyList<PackageRecord> FindProviders(string name)
    {
        providersByName ??= IndexProviders(newestByName.Values);
        return providersByName.TryGetValue(name, out var providers) ? providers : [];
    }

    /// <summary>
    /// Parses an uncompressed Packages index. <paramref name="mirror"/> is the base URL that the records'
    /// Filename fields are relative to, stored as <see cref="PackageRecord.MirrorUri"/>. With
    /// <paramref name="isRequested"/>, only the packages whose names it accepts are kept.
    /// </summary>
    public static PackageIndex Parse(TextReader reader, Uri? mirror = null, Func<string, bool>? isRequested = null)
    {
        var newest = new Dictionary<string, PackageRecord>(StringComparer.Ordinal);
        foreach (var paragraph in new PackagesReader().ReadParagraphs(reader, isRequested))
        {
            Add(newest, PackageRecord.FromParagraph(paragraph, mirror));
        }

        return new PackageIndex(newest);
    }

    /// <summary>Parses an uncompressed Packages index from UTF-8 bytes.</summary>
    public static PackageIndex Parse(Stream stream, Uri? mirror = null, Func<string, bool>? isRequested = null)
    {
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, false, 1 << 16, leaveOpen: true);
        return Parse(reader, mirror, isRequested);
    }

    /// <summary>Merges indexes, such as those of a release and its -updates and -security suites.</summary>
    public static PackageIndex Merge(IEnumerable<PackageIndex> indexes)
    {
        var newest = new Dictionary<string, PackageRecord>(StringComparer.Ordinal);
        foreach (var index in indexes)
        {
            foreach (var record in index.All)
            {
                Add(newest, record);
            }
        }

        return new PackageIndex(newest);
    }

    private static void Add(Dictionary<string, PackageRecord> newest, PackageRecord record)
    {
        if (!newest.TryGetValue(record.Package, out var existing) || record.Version > existing.Version)
        {
            newest[record.Package] = record;
        }
    }

    private static Dictionary<string, List<PackageRecord>> IndexProviders(IEnumerable<PackageRecord> records)
    {
        var providers = new Dictionary<string, List<PackageRecord>>(StringComparer.Ordinal);
        foreach (var record in records.OrderBy(record => record.Package, StringComparer.Ordinal))
        {
            foreach (var provided in record.Provides)
            {
                if (!providers.TryGetValue(provided.Name, out var list))
                {
                    providers[provided.Name] = list = [];
                }

                list.Add(record);
            }
        }

        return providers;
    }
}
