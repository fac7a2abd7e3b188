using Distill.Content;

namespace Distill.Elf;

/// <summary>
/// An image's filesystem built from layers of <see cref="FileEntry"/>, lowest first, merged as the OCI
/// image layer specification describes: an entry of an upper layer replaces the same path below; a
/// non-directory replaces a directory with everything under it; ".wh.NAME" deletes NAME from lower layers,
/// and ".wh..wh..opq" hides everything a lower layer has in its directory. Directories that only appear
/// as parents of entries exist too, as when a layer is unpacked.
/// </summary>
public sealed class LayeredImageFileSystem : IImageFileSystem
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";
    private static readonly FileEntry ImplicitDirectory =
        new("", FileType.Directory, 0b111_101_101, 0, 0, DateTimeOffset.UnixEpoch);

    private readonly Dictionary<string, FileEntry> entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> directories = new(StringComparer.Ordinal) { "" };

    public LayeredImageFileSystem(IEnumerable<IEnumerable<FileEntry>> layers)
    {
        foreach (var layer in layers)
        {
            Apply(layer.ToList());
        }

        foreach (var path in entries.Keys)
        {
            foreach (var ancestor in RootPath.Ancestors(path))
            {
                directories.Add(ancestor);
            }
        }
    }

    public LayeredImageFileSystem(params IEnumerable<FileEntry>[] layers)
        : this((IEnumerable<IEnumerable<FileEntry>>)layers)
    {
    }

    public ImageFile? Find(string absolutePath)
    {
        if (!absolutePath.StartsWith('/'))
        {
            throw new ArgumentException($"'{absolutePath}' is not an absolute path", nameof(absolutePath));
        }

        var pending = new Stack<string>(Split(absolutePath).Reverse());
        var resolved = new List<string>();
        var links = new List<string>();
        var linkCount = 0;
        var current = ImplicitDirectory;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (current.Type != FileType.Directory)
            {
                return null;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var path = resolved.Count == 0 ? part : string.Join('/', resolved) + "/" + part;
            var entry = Lookup(path);
            if (entry is null)
            {
                return null;
            }

            if (entry.Type == FileType.Symlink)
            {
                linkCount++;
                var link = $"/{path} -> {entry.LinkTarget}";
                if (!links.Contains(link))
                {
                    links.Add(link);
                }

                if (linkCount > ImageFileSystemLimits.MaxSymlinks)
                {
                    throw new SymlinkLoopException(absolutePath, links);
                }

                var target = entry.LinkTarget ?? "";
                if (target.Length == 0)
                {
                    return null;
                }

                foreach (var targetPart in Split(target).Reverse())
                {
                    pending.Push(targetPart);
                }

                if (target.StartsWith('/'))
                {
                    resolved.Clear();
                }

                current = ImplicitDirectory;
                continue;
            }

            current = entry;
            resolved.Add(part);
        }

        return new ImageFile("/" + string.Join('/', resolved), current);
    }

    private FileEntry? Lookup(string path)
    {
        if (entries.TryGetValue(path, out var entry))
        {
            return entry.Type == FileType.Hardlink ? FollowHardlink(entry) : entry;
        }

        return directories.Contains(path) ? ImplicitDirectory with { Path = path } : null;
    }

    /// <summary>Returns the regular file a hard link names, or null when the layers do not contain it.</summary>
    private FileEntry? FollowHardlink(FileEntry link)
    {
        var target = entries.GetValueOrDefault(link.LinkTarget ?? "");
        return target is { Type: FileType.RegularFile } ? target : null;
    }

    private void Apply(List<FileEntry> layer)
    {
        foreach (var entry in layer)
        {
            var name = entry.Path[(entry.Path.LastIndexOf('/') + 1)..];
            var directory = RootPath.Parent(entry.Path);
            if (name == OpaqueWhiteout)
            {
                RemoveDescendants(directory);
            }
            else if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                var hidden = RootPath.Combine(directory, name[WhiteoutPrefix.Length..]);
                entries.Remove(hidden);
                RemoveDescendants(hidden);
            }
            else if (entry.Type != FileType.Directory
                && entries.GetValueOrDefault(entry.Path)?.Type == FileType.Directory)
            {
                RemoveDescendants(entry.Path);
            }
        }

        foreach (var entry in layer)
        {
            var name = entry.Path[(entry.Path.LastIndexOf('/') + 1)..];
            if (!name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                entries[entry.Path] = entry;
            }
        }
    }

    private void RemoveDescendants(string directory)
    {
        var prefix = directory.Length == 0 ? "" : directory + "/";
        foreach (var path in entries.Keys.Where(path => path.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            entries.Remove(path);
        }
    }

    private static IEnumerable<string> Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
