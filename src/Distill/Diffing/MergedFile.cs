namespace Distill.Diffing;

/// <summary>The kind of an entry in an image's merged filesystem, as a tar header records it.</summary>
public enum MergedFileType
{
    Directory,
    RegularFile,
    Symlink,
    Hardlink,
    CharacterDevice,
    BlockDevice,
    Fifo,
}

/// <summary>
/// One path of an image's filesystem after all layers are applied. <see cref="Path"/> is root-relative
/// ("usr/bin/env"). <see cref="Sha256"/> is the lowercase hex SHA-256 of the content of a regular file, or of
/// the file a hard link names when an earlier entry contains it, and null otherwise. <see cref="Mode"/> contains
/// the permission bits with setuid, setgid and sticky.
/// </summary>
public sealed record MergedFile(
    string Path,
    MergedFileType Type,
    int Mode,
    int Uid,
    int Gid,
    long Size,
    string? LinkTarget,
    string? Sha256)
{
    /// <summary>Formats the mode as four octal digits ("0755").</summary>
    public string OctalMode => Convert.ToString(Mode, 8).PadLeft(4, '0');
}
