using System.Formats.Tar;
using System.Text;
using Distill.Content;

namespace Distill.Layers;

/// <summary>
/// Creates the tar entry for a validated <see cref="FileEntry"/>, with only the fields the entry gives, so the
/// same entries always produce the same bytes.
/// </summary>
/// <remarks>
/// An entry that fits the ustar format is written as ustar. Any other entry is written in the GNU format:
/// GNU "././@LongLink" records hold long names and link targets, and base-256 numbers hold sizes of 8 GiB
/// or more and large ids. PAX is avoided because .NET's extended header name contains the process id and
/// .NET adds access and change times to it. The GNU header's access and change times are set to the
/// modification time. Non-ASCII paths are also written as GNU entries. Both formats store names as UTF-8.
/// </remarks>
internal static class TarEntryFactory
{
    private const int UstarNameLength = 100;

    private const int UstarPrefixLength = 155;

    private const int UstarLinkNameLength = 100;

    /// <summary>The largest number in the 7 octal digits of a ustar uid or gid field.</summary>
    private const int UstarMaxId = (1 << 21) - 1;

    /// <summary>The largest size in the 11 octal digits of a ustar size field (8 GiB - 1).</summary>
    private const long UstarMaxSize = (1L << 33) - 1;

    /// <summary>Creates the entry. The caller sets its data stream and disposes that stream.</summary>
    public static TarEntry Create(FileEntry entry, long size)
    {
        var name = entry.Type == FileType.Directory ? entry.Path + "/" : entry.Path;
        var linkName = entry.LinkTarget ?? "";
        var type = GetEntryType(entry.Type);

        TarEntry tarEntry = FitsUstar(name, linkName, size, entry)
            ? new UstarTarEntry(type, name)
            : new GnuTarEntry(type, name)
            {
                AccessTime = entry.ModificationTime,
                ChangeTime = entry.ModificationTime,
            };

        tarEntry.Mode = (UnixFileMode)entry.Mode;
        tarEntry.Uid = entry.Uid;
        tarEntry.Gid = entry.Gid;
        tarEntry.ModificationTime = entry.ModificationTime;
        if (linkName.Length > 0)
        {
            tarEntry.LinkName = linkName;
        }

        var posixEntry = (PosixTarEntry)tarEntry;
        posixEntry.UserName = "";
        posixEntry.GroupName = "";
        return tarEntry;
    }

    private static TarEntryType GetEntryType(FileType type) => type switch
    {
        FileType.Directory => TarEntryType.Directory,
        FileType.RegularFile => TarEntryType.RegularFile,
        FileType.Symlink => TarEntryType.SymbolicLink,
        FileType.Hardlink => TarEntryType.HardLink,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a file type a layer can store"),
    };

    private static bool FitsUstar(string name, string linkName, long size, FileEntry entry) =>
        Ascii.IsValid(name)
        && Ascii.IsValid(linkName)
        && FitsUstarName(name)
        && linkName.Length <= UstarLinkNameLength
        && size <= UstarMaxSize
        && entry.Uid <= UstarMaxId
        && entry.Gid <= UstarMaxId;

    /// <summary>
    /// Returns whether an ASCII name fits ustar's 100-byte name field, or splits at its last "/" into a prefix
    /// of at most 155 bytes and a name of at most 100 bytes. .NET 10's writer tries that split first.
    /// Directory names, which end with "/", longer than 100 bytes are not split.
    /// </summary>
    internal static bool FitsUstarName(string name)
    {
        if (name.Length <= UstarNameLength)
        {
            return true;
        }

        var slash = name.LastIndexOf('/');
        return slash > 0
            && slash < name.Length - 1
            && slash <= UstarPrefixLength
            && name.Length - slash - 1 <= UstarNameLength;
    }
}
