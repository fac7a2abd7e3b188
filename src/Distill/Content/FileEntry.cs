namespace Distill.Content;

public enum FileType
{
    Directory,
    RegularFile,
    Symlink,
    Hardlink,
}

/// <summary>
/// One entry of an image's root filesystem, as a layer stores it. <see cref="Path"/> is relative to
/// the root, without a leading "/" or "./" and without a trailing "/" ("usr/bin/env").
/// <see cref="LinkTarget"/> is the symlink target as stored, or for a hard link the root-relative path
/// of the file it links to. <see cref="Mode"/> contains the permission bits including setuid, setgid and
/// sticky (07777), never the file type. C# has no octal literals, so
/// code writes modes as binary literals grouped by three bits: 0b111_101_101 is 0755.
/// </summary>
public sealed record FileEntry(string Path, FileType Type, int Mode, int Uid, int Gid, DateTimeOffset ModificationTime)
{
    public string? LinkTarget { get; init; }

    public IFileContent? Content { get; init; }

    public long Size => Content?.Length ?? 0;
}

/// <summary>The bytes of a regular file, which may be opened more than once.</summary>
public interface IFileContent
{
    long Length { get; }

    Stream Open();
}

/// <summary>File content held in memory, as read from a package.</summary>
public sealed class BytesContent(ReadOnlyMemory<byte> bytes) : IFileContent
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public long Length => Bytes.Length;

    public Stream Open() =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(Bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(Bytes.ToArray(), writable: false);
}

/// <summary>File content read from a file on the host when a layer is written.</summary>
public sealed class HostFileContent(string path) : IFileContent
{
    public string HostPath { get; } = path;

    public long Length => new FileInfo(HostPath).Length;

    public Stream Open() => File.OpenRead(HostPath);
}
