using Distill.Content;

namespace Distill.Layers;

/// <summary>
/// Checks each entry of one layer, in the order they are written, and throws
/// <see cref="InvalidLayerEntryException"/> for an entry that the tar would store wrongly or that would fail to
/// extract: an invalid path, a duplicate, a path below a non-directory, a bad mode, owner or time, a link
/// without a target, or a hard link to a file not written before it.
/// </summary>
internal sealed class LayerEntryValidator
{
    /// <summary>The largest mode: the permission bits with setuid, setgid and sticky (07777).</summary>
    public const int MaxMode = 0b111_111_111_111;

    /// <summary>The earliest modification time a tar header stores.</summary>
    public static readonly DateTimeOffset MinModificationTime = DateTimeOffset.UnixEpoch;

    /// <summary>The latest modification time in 11 octal digits (8^11 - 1 seconds, in the year 2242).</summary>
    public static readonly DateTimeOffset MaxModificationTime = DateTimeOffset.FromUnixTimeSeconds((1L << 33) - 1);

    private readonly Dictionary<string, FileType> writtenTypes = new(StringComparer.Ordinal);

    public void Validate(FileEntry entry)
    {
        var problem = LayerPath.FindProblem(entry.Path)
            ?? FindDuplicate(entry)
            ?? FindNonDirectoryAncestor(entry)
            ?? FindAttributeProblem(entry)
            ?? FindTypeProblem(entry);
        if (problem is not null)
        {
            throw new InvalidLayerEntryException(entry.Path, problem);
        }

        writtenTypes.Add(entry.Path, entry.Type);
    }

    private string? FindDuplicate(FileEntry entry) =>
        writtenTypes.ContainsKey(entry.Path)
            ? "the layer already contains this path. Each path may appear once in a layer, so remove the duplicate"
            : null;

    private string? FindNonDirectoryAncestor(FileEntry entry)
    {
        foreach (var ancestor in LayerPath.GetAncestors(entry.Path))
        {
            if (writtenTypes.TryGetValue(ancestor, out var type) && type != FileType.Directory)
            {
                return $"its parent '{ancestor}' is a {type} in this layer, not a directory";
            }
        }

        return null;
    }

    private static string? FindAttributeProblem(FileEntry entry)
    {
        if (entry.Mode is < 0 or > MaxMode)
        {
            return $"the mode {Convert.ToString(entry.Mode, 8)} (octal) is outside 0 to 7777. Give only the "
                + "permission, setuid, setgid and sticky bits, not the file type";
        }

        if (entry.Uid < 0 || entry.Gid < 0)
        {
            return $"the owner {entry.Uid}:{entry.Gid} is negative. Give a uid and gid of 0 or more";
        }

        if (entry.ModificationTime < MinModificationTime || entry.ModificationTime > MaxModificationTime)
        {
            return $"the modification time {entry.ModificationTime:O} is outside {MinModificationTime:O} to "
                + $"{MaxModificationTime:O}, the range a tar header stores";
        }

        return null;
    }

    private string? FindTypeProblem(FileEntry entry) => entry.Type switch
    {
        FileType.Directory or FileType.RegularFile when entry.LinkTarget is not null =>
            $"a {entry.Type} has the link target '{entry.LinkTarget}'. Only symlinks and hard links have one",
        FileType.Directory or FileType.Symlink or FileType.Hardlink when entry.Content is not null =>
            $"a {entry.Type} has file content. Only regular files have content",
        FileType.Symlink => FindSymlinkProblem(entry.LinkTarget),
        FileType.Hardlink => FindHardlinkProblem(entry.LinkTarget),
        FileType.Directory or FileType.RegularFile => null,
        _ => $"the file type {entry.Type} is not one of Directory, RegularFile, Symlink or Hardlink",
    };

    private static string? FindSymlinkProblem(string? target)
    {
        if (string.IsNullOrEmpty(target))
        {
            return "the symlink has no target. Set LinkTarget to the path it points to";
        }

        if (target.Contains('\0') || !LayerPath.IsValidUtf16(target))
        {
            return $"the symlink target '{target}' contains a NUL character or an unpaired UTF-16 surrogate";
        }

        return null;
    }

    private string? FindHardlinkProblem(string? target)
    {
        if (target is null)
        {
            return "the hard link has no target. Set LinkTarget to the root-relative path of the file it links to";
        }

        var targetProblem = LayerPath.FindProblem(target);
        if (targetProblem is not null)
        {
            return $"the hard link target '{target}' is invalid because {targetProblem}";
        }

        if (!writtenTypes.TryGetValue(target, out var targetType) || targetType == FileType.Directory)
        {
            return $"the hard link target '{target}' is not a file written earlier in this layer. A tar extracts "
                + "a hard link by linking to an existing entry, so put the target before the link in the same layer";
        }

        return null;
    }
}
