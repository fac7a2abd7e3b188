using System.Buffers.Binary;
using System.Text;

namespace Distill.Elf;

internal sealed record ElfHeader(
    ElfClass Class,
    ElfData Data,
    byte OsAbi,
    ElfFileType Type,
    ushort Machine,
    uint Flags,
    ulong Entry,
    ulong ProgramHeaderOffset,
    ulong SectionHeaderOffset,
    ushort ProgramHeaderSize,
    uint ProgramHeaderCount);

/// <summary>
/// Parses the ELF header, the program header table, PT_INTERP and PT_DYNAMIC, as described in the System V
/// gABI chapters "ELF Header", "Program Header" and "Dynamic Section".
/// </summary>
internal static class ElfParser
{
    private const int IdentSize = 16;
    private const int Elf32HeaderSize = 52;
    private const int Elf64HeaderSize = 64;
    private const int Elf32ProgramHeaderSize = 32;
    private const int Elf64ProgramHeaderSize = 56;

    // e_phnum is PN_XNUM when the count does not fit in 16 bits, and sh_info of section header 0 contains it.
    private const ushort PnXnum = 0xffff;
    private static readonly byte[] Magic = [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    public static ElfFile Parse<TSource>(ref TSource source, string fileName)
        where TSource : IElfSource, allows ref struct
    {
        var reader = new FieldReader(fileName);
        var header = ReadHeader(ref source, ref reader);
        var programHeaders = ReadProgramHeaders(ref source, reader, header);
        var interpreter = ReadInterpreter(ref source, reader, programHeaders);
        var dynamicHeader = programHeaders.FirstOrDefault(segment => segment.Type == ElfConstants.PtDynamic);
        var dynamic = dynamicHeader is null
            ? DynamicSection.Empty
            : DynamicSectionReader.Read(ref source, reader, header.Class, dynamicHeader, programHeaders);

        return new ElfFile(fileName, header, programHeaders)
        {
            Interpreter = interpreter,
            HasDynamicSegment = dynamicHeader is not null,
            Needed = dynamic.Needed,
            Soname = dynamic.Soname,
            RPath = dynamic.RPath,
            RunPath = dynamic.RunPath,
            DynamicFlags = dynamic.Flags,
            DynamicFlags1 = dynamic.Flags1,
        };
    }

    private static ElfHeader ReadHeader<TSource>(ref TSource source, ref FieldReader reader)
        where TSource : IElfSource, allows ref struct
    {
        if (source.Length < Magic.Length)
        {
            throw reader.Error(InvalidElfReason.NotElf, $"the file is {source.Length} bytes, too short for ELF magic");
        }

        Span<byte> ident = stackalloc byte[IdentSize];
        source.Read(0, ident[..Math.Min(IdentSize, (int)Math.Min(source.Length, IdentSize))]);
        if (!ident[..Magic.Length].SequenceEqual(Magic))
        {
            throw reader.Error(InvalidElfReason.NotElf, "the file does not start with the ELF magic bytes 7F 45 4C 46");
        }

        if (source.Length < IdentSize)
        {
            throw reader.Error(InvalidElfReason.Truncated, $"the file ends at byte {source.Length}, inside e_ident");
        }

        var elfClass = ident[4] switch
        {
            1 => ElfClass.Elf32,
            2 => ElfClass.Elf64,
            var value => throw reader.Error(InvalidElfReason.Malformed, $"EI_CLASS is {value}, not 1 or 2"),
        };
        reader.Data = ident[5] switch
        {
            1 => ElfData.LittleEndian,
            2 => ElfData.BigEndian,
            var value => throw reader.Error(InvalidElfReason.Malformed, $"EI_DATA is {value}, not 1 or 2"),
        };
        if (ident[6] != 1)
        {
            throw reader.Error(InvalidElfReason.Malformed, $"EI_VERSION is {ident[6]}, not 1 (EV_CURRENT)");
        }

        var is64 = elfClass == ElfClass.Elf64;
        var headerSize = is64 ? Elf64HeaderSize : Elf32HeaderSize;
        Span<byte> bytes = stackalloc byte[Elf64HeaderSize];
        var fields = bytes[..headerSize];
        reader.ReadExactly(ref source, 0, fields, "the ELF header");

        var header = new ElfHeader(
            elfClass,
            reader.Data,
            ident[7],
            (ElfFileType)reader.U16(fields[16..]),
            reader.U16(fields[18..]),
            reader.U32(fields[(is64 ? 48 : 36)..]),
            is64 ? reader.U64(fields[24..]) : reader.U32(fields[24..]),
            is64 ? reader.U64(fields[32..]) : reader.U32(fields[28..]),
            is64 ? reader.U64(fields[40..]) : reader.U32(fields[32..]),
            reader.U16(fields[(is64 ? 54 : 42)..]),
            reader.U16(fields[(is64 ? 56 : 44)..]));
        if (header.ProgramHeaderCount == PnXnum)
        {
            header = header with { ProgramHeaderCount = ReadExtendedProgramHeaderCount(ref source, reader, header) };
        }

        return header;
    }

    private static uint ReadExtendedProgramHeaderCount<TSource>(
        ref TSource source, FieldReader reader, ElfHeader header)
        where TSource : IElfSource, allows ref struct
    {
        if (header.SectionHeaderOffset == 0)
        {
            throw reader.Error(
                InvalidElfReason.Malformed,
                "e_phnum is PN_XNUM (0xFFFF), but there is no section header 0 to hold the count");
        }

        // sh_info is at byte 28 of an Elf32_Shdr and byte 44 of an Elf64_Shdr.
        var infoOffset = header.SectionHeaderOffset + (header.Class == ElfClass.Elf64 ? 44UL : 28UL);
        Span<byte> info = stackalloc byte[4];
        reader.ReadExactly(ref source, infoOffset, info, "sh_info of section header 0");
        return reader.U32(info);
    }

    private static List<ElfProgramHeader> ReadProgramHeaders<TSource>(
        ref TSource source, FieldReader reader, ElfHeader header)
        where TSource : IElfSource, allows ref struct
    {
        var programHeaders = new List<ElfProgramHeader>();
        if (header.ProgramHeaderCount == 0)
        {
            return programHeaders;
        }

        var is64 = header.Class == ElfClass.Elf64;
        var expectedSize = is64 ? Elf64ProgramHeaderSize : Elf32ProgramHeaderSize;
        if (header.ProgramHeaderSize != expectedSize)
        {
            throw reader.Error(
                InvalidElfReason.Malformed,
                $"e_phentsize is {header.ProgramHeaderSize}, " +
                $"but a program header of this class is {expectedSize} bytes");
        }

        var tableSize = (ulong)header.ProgramHeaderCount * (ulong)expectedSize;
        reader.CheckRange(source.Length, header.ProgramHeaderOffset, tableSize, "the program header table");
        Span<byte> entry = stackalloc byte[Elf64ProgramHeaderSize];
        entry = entry[..expectedSize];
        for (var index = 0UL; index < header.ProgramHeaderCount; index++)
        {
            source.Read((long)(header.ProgramHeaderOffset + index * (ulong)expectedSize), entry);
            programHeaders.Add(is64 ? ReadProgramHeader64(reader, entry) : ReadProgramHeader32(reader, entry));
        }

        return programHeaders;
    }

    private static ElfProgramHeader ReadProgramHeader32(FieldReader reader, ReadOnlySpan<byte> entry) => new(
        Type: reader.U32(entry),
        Flags: reader.U32(entry[24..]),
        Offset: reader.U32(entry[4..]),
        VirtualAddress: reader.U32(entry[8..]),
        FileSize: reader.U32(entry[16..]),
        MemorySize: reader.U32(entry[20..]),
        Align: reader.U32(entry[28..]));

    private static ElfProgramHeader ReadProgramHeader64(FieldReader reader, ReadOnlySpan<byte> entry) => new(
        Type: reader.U32(entry),
        Flags: reader.U32(entry[4..]),
        Offset: reader.U64(entry[8..]),
        VirtualAddress: reader.U64(entry[16..]),
        FileSize: reader.U64(entry[32..]),
        MemorySize: reader.U64(entry[40..]),
        Align: reader.U64(entry[48..]));

    /// <summary>
    /// Reads the path of the first PT_INTERP segment, which the kernel uses. Like the kernel, requires at
    /// least two bytes and a terminating NUL as the segment's last byte.
    /// </summary>
    private static string? ReadInterpreter<TSource>(
        ref TSource source, FieldReader reader, List<ElfProgramHeader> programHeaders)
        where TSource : IElfSource, allows ref struct
    {
        var segment = programHeaders.FirstOrDefault(header => header.Type == ElfConstants.PtInterp);
        if (segment is null)
        {
            return null;
        }

        // Linux limits the interpreter path to PATH_MAX (4096 bytes) including the NUL.
        if (segment.FileSize < 2 || segment.FileSize > 4096)
        {
            throw reader.Error(
                InvalidElfReason.Malformed, $"PT_INTERP is {segment.FileSize} bytes, not between 2 and 4096");
        }

        reader.CheckRange(source.Length, segment.Offset, segment.FileSize, "the PT_INTERP segment");
        var bytes = new byte[segment.FileSize];
        source.Read((long)segment.Offset, bytes);
        if (bytes[^1] != 0)
        {
            throw reader.Error(InvalidElfReason.Malformed, "the PT_INTERP path does not end with a NUL byte");
        }

        var length = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, length);
    }
}

/// <summary>Reads integers in the file's byte order and raises errors that name the file.</summary>
internal struct FieldReader(string fileName)
{
    public ElfData Data { get; set; }

    public readonly string FileName => fileName;

    public readonly ushort U16(ReadOnlySpan<byte> bytes) => Data == ElfData.LittleEndian
        ? BinaryPrimitives.ReadUInt16LittleEndian(bytes)
        : BinaryPrimitives.ReadUInt16BigEndian(bytes);

    public readonly uint U32(ReadOnlySpan<byte> bytes) => Data == ElfData.LittleEndian
        ? BinaryPrimitives.ReadUInt32LittleEndian(bytes)
        : BinaryPrimitives.ReadUInt32BigEndian(bytes);

    public readonly ulong U64(ReadOnlySpan<byte> bytes) => Data == ElfData.LittleEndian
        ? BinaryPrimitives.ReadUInt64LittleEndian(bytes)
        : BinaryPrimitives.ReadUInt64BigEndian(bytes);

    public readonly InvalidElfException Error(InvalidElfReason reason, string problem) =>
        new(fileName, reason, problem);

    /// <summary>Raises a Truncated error unless offset and size lie within a file of the given length.</summary>
    public readonly void CheckRange(long fileLength, ulong offset, ulong size, string what)
    {
        if (offset > (ulong)fileLength || size > (ulong)fileLength - offset)
        {
            throw Error(
                InvalidElfReason.Truncated,
                $"{what} at offset {offset} with size {size} ends beyond the end of the file ({fileLength} bytes)");
        }
    }

    public readonly void ReadExactly<TSource>(
        ref TSource source, ulong offset, scoped Span<byte> destination, string what)
        where TSource : IElfSource, allows ref struct
    {
        CheckRange(source.Length, offset, (ulong)destination.Length, what);
        source.Read((long)offset, destination);
    }
}
