using System.Formats.Tar;
using System.Security.Cryptography;
using Distill.Content;

namespace Distill.Diffing;

/// <summary>
/// Applies uncompressed tar layers, lowest first, into one file list, as the OCI image layer specification
/// describes: an entry replaces the same path below it, and a non-directory replaces a directory with
/// everything under it. "DIR/.wh.NAME" deletes NAME and everything under it from lower layers, and
/// "DIR/.wh..wh..opq" deletes everything lower layers have under DIR. Whiteouts never hide entries of
/// their own layer.
/// </summary>
public sealed class LayerMerger(Func<string, bool>? captureContent = null)
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueWhiteout = ".wh..wh..opq";

    private readonly Dictionary<string, MergedFile> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> captured = new(StringComparer.Ordinal);

    /// <summary>The merged files, sorted by path.</summary>
    public IReadOnlyList<MergedFile> Files =>
        files.Values.OrderBy(file => file.Path, StringComparer.Ordinal).ToList();

    /// <summary>The content of the regular files that the capture predicate selected, by SHA-256.</summary>
    public IReadOnlyDictionary<string, byte[]> CapturedContent => captured;

    /// <summary>Reads one layer to its end and applies it over the layers before it.</summary>
    public async Task ApplyAsync(Stream tar, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, MergedFile>(StringComparer.Ordinal);
        var hidden = new List<string>();
        var opaqueDirectories = new List<string>();
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            var path = NormalizePath(entry.Name);
            if (path.Length == 0)
            {
                continue;
            }

            var name = path[(path.LastIndexOf('/') + 1)..];
            if (name == OpaqueWhiteout)
            {
                opaqueDirectories.Add(RootPath.Parent(path));
            }
            else if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                hidden.Add(RootPath.Combine(RootPath.Parent(path), name[WhiteoutPrefix.Length..]));
            }
            else if (await ReadEntryAsync(entry, path, entries, cancellationToken) is { } file)
            {
                entries[path] = file;
            }
        }

        foreach (var directory in opaqueDirectories)
        {
            RemoveDescendants(directory);
        }

        foreach (var path in hidden)
        {
            files.Remove(path);
            RemoveDescendants(path);
        }

        foreach (var file in entries.Values)
        {
            if (file.Type != MergedFileType.Directory && files.GetValueOrDefault(file.Path)?.Type == MergedFileType.Directory)
            {
                RemoveDescendants(file.Path);
            }

            files[file.Path] = file;
        }
    }

    private async Task<MergedFile?> ReadEntryAsync(TarEntry entry, string path,
        Dictionary<string, MergedFile> layerEntries, CancellationToken cancellationToken)
    {
        var mode = (int)entry.Mode;
        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                var sha256 = await HashAsync(entry.DataStream, path, cancellationToken);
                return new MergedFile(path, MergedFileType.RegularFile, mode, entry.Uid, entry.Gid, entry.Length,
                    null, sha256);
            case TarEntryType.HardLink:
                var targetPath = NormalizePath(entry.LinkName);
                var target = layerEntries.GetValueOrDefault(targetPath) ?? files.GetValueOrDefault(targetPath);
                return new MergedFile(path, MergedFileType.Hardlink, mode, entry.Uid, entry.Gid, target?.Size ?? 0,
                    targetPath, target?.Sha256);
            case TarEntryType.Directory:
                return new MergedFile(path, MergedFileType.Directory, mode, entry.Uid, entry.Gid, 0, null, null);
            case TarEntryType.SymbolicLink:
                return new MergedFile(path, MergedFileType.Symlink, mode, entry.Uid, entry.Gid, 0, entry.LinkName,
                    null);
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                var type = entry.EntryType switch
                {
                    TarEntryType.CharacterDevice => MergedFileType.CharacterDevice,
                    TarEntryType.BlockDevice => MergedFileType.BlockDevice,
                    _ => MergedFileType.Fifo,
                };
                return new MergedFile(path, type, mode, entry.Uid, entry.Gid, 0, null, null);
            default:
                // Metadata entries (PAX global headers and the like) describe no file of their own.
                return null;
        }
    }

    private async Task<string?> HashAsync(Stream? data, string path, CancellationToken cancellationToken)
    {
        data ??= Stream.Null;
        if (captureContent?.Invoke(path) != true)
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(data, cancellationToken));
        }

        using var buffer = new MemoryStream();
        await data.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        captured[sha256] = content;
        return sha256;
    }

    private void RemoveDescendants(string directory)
    {
        var prefix = directory.Length == 0 ? "" : directory + "/";
        foreach (var path in files.Keys.Where(path => path.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            files.Remove(path);
        }
    }

    /// <summary>Returns a tar entry name relative to the root, without "./", a leading or a trailing "/".</summary>
    private static string NormalizePath(string name)
    {
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".");
        return string.Join('/', parts);
    }
}
