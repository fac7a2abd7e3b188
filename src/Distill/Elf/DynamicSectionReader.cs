using System.Text;

namespace Distill.Elf;

internal sealed record DynamicSection(
    IReadOnlyList<string> Needed, string? Soname, string? RPath, string? RunPath, ulong Flags, ulong Flags1)
{
    public static readonly DynamicSection Empty = new([], null, null, null, 0, 0);
}

/// <summary>
/// Reads the dynamic section from the PT_DYNAMIC segment. String values are offsets into the string table
/// at the virtual address in DT_STRTAB. A PT_LOAD segment maps that address to a file offset, as the loader
/// maps it into memory.
/// </summary>
internal static class DynamicSectionReader
{
    // Maximum length of a string read from the string table. Real sonames and search paths are far shorter.
    private const int MaxStringLength = 64 * 1024;

    private readonly record struct DynamicEntry(long Tag, ulong Value);

    public static DynamicSection Read<TSource>(
        ref TSource source,
        FieldReader reader,
        ElfClass elfClass,
        ElfProgramHeader dynamicHeader,
        IReadOnlyList<ElfProgramHeader> programHeaders)
        where TSource : IElfSource, allows ref struct
    {
        var entries = ReadEntries(ref source, reader, elfClass, dynamicHeader);

        // NOTE: a repeated tag takes its last value. That glibc's loader does the same is not verified.
        ulong? stringTableAddress = null;
        ulong? stringTableSize = null;
        ulong flags = 0;
        ulong flags1 = 0;
        foreach (var entry in entries)
        {
            switch (entry.Tag)
            {
                case ElfConstants.DtStrtab:
                    stringTableAddress = entry.Value;
                    break;
                case ElfConstants.DtStrsz:
                    stringTableSize = entry.Value;
                    break;
                case ElfConstants.DtFlags:
                    flags = entry.Value;
                    break;
                case ElfConstants.DtFlags1:
                    flags1 = entry.Value;
                    break;
            }
        }

        var hasStrings = entries.Any(entry => entry.Tag is ElfConstants.DtNeeded or ElfConstants.DtSoname
            or ElfConstants.DtRpath or ElfConstants.DtRunpath);
        if (!hasStrings)
        {
            return new DynamicSection([], null, null, null, flags, flags1);
        }

        if (stringTableAddress is null)
        {
            throw reader.Error(
                InvalidElfReason.Malformed, "the dynamic section has DT_NEEDED or DT_SONAME entries but no DT_STRTAB");
        }

        var table = LocateStringTable(source.Length, reader, programHeaders, stringTableAddress.Value, stringTableSize);
        var needed = new List<string>();
        string? soname = null;
        string? rpath = null;
        string? runpath = null;
        foreach (var entry in entries)
        {
            switch (entry.Tag)
            {
                case ElfConstants.DtNeeded:
                    needed.Add(ReadString(ref source, reader, table, entry.Value, "DT_NEEDED"));
                    break;
                case ElfConstants.DtSoname:
                    soname = ReadString(ref source, reader, table, entry.Value, "DT_SONAME");
                    break;
                case ElfConstants.DtRpath:
                    rpath = ReadString(ref source, reader, table, entry.Value, "DT_RPATH");
                    break;
                case ElfConstants.DtRunpath:
                    runpath = ReadString(ref source, reader, table, entry.Value, "DT_RUNPATH");
                    break;
            }
        }

        return new DynamicSection(needed, soname, rpath, runpath, flags, flags1);
    }

    /// <summary>Reads entries up to DT_NULL or the end of the segment, whichever comes first.</summary>
    private static List<DynamicEntry> ReadEntries<TSource>(
        ref TSource source, FieldReader reader, ElfClass elfClass, ElfProgramHeader dynamicHeader)
        where TSource : IElfSource, allows ref struct
    {
        var entrySize = elfClass == ElfClass.Elf64 ? 16 : 8;
        reader.CheckRange(source.Length, dynamicHeader.Offset, dynamicHeader.FileSize, "the PT_DYNAMIC segment");
        var count = dynamicHeader.FileSize / (ulong)entrySize;
        var entries = new List<DynamicEntry>();
        Span<byte> bytes = stackalloc byte[16];
        bytes = bytes[..entrySize];
        for (var index = 0UL; index < count; index++)
        {
            source.Read((long)(dynamicHeader.Offset + index * (ulong)entrySize), bytes);
            var entry = elfClass == ElfClass.Elf64
                ? new DynamicEntry((long)reader.U64(bytes), reader.U64(bytes[8..]))
                : new DynamicEntry((int)reader.U32(bytes), reader.U32(bytes[4..]));
            if (entry.Tag == ElfConstants.DtNull)
            {
                break;
            }

            entries.Add(entry);
        }

        return entries;
    }

    private readonly record struct StringTable(ulong FileOffset, ulong Size);

    /// <summary>
    /// Maps DT_STRTAB through the PT_LOAD segment whose file image contains it. The table ends at DT_STRSZ
    /// or at the end of that segment's file image, whichever is first.
    /// </summary>
    private static StringTable LocateStringTable(
        long fileLength,
        FieldReader reader,
        IReadOnlyList<ElfProgramHeader> programHeaders,
        ulong address,
        ulong? declaredSize)
    {
        var load = programHeaders.FirstOrDefault(header => header.Type == ElfConstants.PtLoad
            && address >= header.VirtualAddress && address - header.VirtualAddress < header.FileSize);
        if (load is null)
        {
            throw reader.Error(
                InvalidElfReason.Malformed,
                $"DT_STRTAB address 0x{address:x} lies in no PT_LOAD segment's file image");
        }

        var offset = load.Offset + (address - load.VirtualAddress);
        var available = load.FileSize - (address - load.VirtualAddress);
        var size = declaredSize is { } declared ? Math.Min(declared, available) : available;
        reader.CheckRange(fileLength, offset, size, "the dynamic string table");
        return new StringTable(offset, size);
    }

    private static string ReadString<TSource>(
        ref TSource source, FieldReader reader, StringTable table, ulong index, string tag)
        where TSource : IElfSource, allows ref struct
    {
        if (index >= table.Size)
        {
            throw reader.Error(
                InvalidElfReason.Malformed,
                $"{tag} points at string table offset {index}, beyond the table's {table.Size} bytes");
        }

        var length = (int)Math.Min(table.Size - index, MaxStringLength);
        var bytes = new byte[length];
        source.Read((long)(table.FileOffset + index), bytes);
        var end = Array.IndexOf(bytes, (byte)0);
        if (end < 0)
        {
            throw reader.Error(
                InvalidElfReason.Malformed, $"the {tag} string at table offset {index} has no terminating NUL");
        }

        return Encoding.UTF8.GetString(bytes, 0, end);
    }
}
