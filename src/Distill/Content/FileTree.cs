namespace Distill.Content;

/// <summary>
/// The entries of one layer, keyed by path. Adding a path twice keeps the first directory (as dpkg keeps
/// the metadata of the package that created it) and the last file, unless the caller replaces on purpose.
/// <see cref="ToEntries"/> returns them in the order a layer is written: sorted by path, every parent
/// directory present before its children, and each hard link after the file it names.
/// </summary>
public sealed class FileTree
{
    private readonly Dictionary<string, FileEntry> entries = new(StringComparer.Ordinal);

    public int Count => entries.Count;

    public bool Contains(string path) => entries.ContainsKey(path);

    public FileEntry? Find(string path) => entries.GetValueOrDefault(path);

    /// <summary>Adds an entry. A directory never replaces an existing entry; anything else replaces it.</summary>
    public void Add(FileEntry entry)
    {
        if (entry.Type == FileType.Directory && entries.ContainsKey(entry.Path))
        {
            return;
        }

        entries[entry.Path] = entry;
    }

    /// <summary>Adds or replaces an entry, whatever is there: for files and directories Distill makes.</summary>
    public void Set(FileEntry entry) => entries[entry.Path] = entry;

    public bool Remove(string path) => entries.Remove(path);

    /// <summary>
    /// Returns the entries in layer order. Missing parent directories are added with mode 0755, owned by
    /// root, with the given time.
    /// </summary>
    public IReadOnlyList<FileEntry> ToEntries(DateTimeOffset parentTime)
    {
        foreach (var path in entries.Keys.ToList())
        {
            foreach (var ancestor in RootPath.Ancestors(path))
            {
                if (!entries.ContainsKey(ancestor))
                {
                    entries[ancestor] = new FileEntry(ancestor, FileType.Directory, 0b111_101_101, 0, 0, parentTime);
                }
            }
        }

        var sorted = entries.Values.OrderBy(entry => entry.Path, StringComparer.Ordinal).ToList();
        return OrderHardlinks(sorted);
    }

    /// <summary>
    /// Makes the first path of each hard-link group, in layer order, the one that carries the content,
    /// because a tar hard link may only name an entry written before it.
    /// </summary>
    private static IReadOnlyList<FileEntry> OrderHardlinks(List<FileEntry> sorted)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < sorted.Count; index++)
        {
            position[sorted[index].Path] = index;
        }

        for (var index = 0; index < sorted.Count; index++)
        {
            var link = sorted[index];
            if (link.Type != FileType.Hardlink)
            {
                continue;
            }

            if (!position.TryGetValue(link.LinkTarget!, out var targetIndex))
            {
                throw new DistillException(
                    $"hard link '{link.Path}' names '{link.LinkTarget}', which is not in the same layer");
            }

            if (targetIndex > index)
            {
                var target = sorted[targetIndex];
                sorted[index] = target with { Path = link.Path };
                sorted[targetIndex] = link with { Path = target.Path, LinkTarget = link.Path };
                RetargetGroup(sorted, target.Path, link.Path);
            }
        }

        return sorted;
    }

    private static void RetargetGroup(List<FileEntry> sorted, string oldTarget, string newTarget)
    {
        for (var index = 0; index < sorted.Count; index++)
        {
            var entry = sorted[index];
            if (entry.Type == FileType.Hardlink && entry.LinkTarget == oldTarget)
            {
                sorted[index] = entry with { LinkTarget = newTarget };
            }
        }
    }
}
