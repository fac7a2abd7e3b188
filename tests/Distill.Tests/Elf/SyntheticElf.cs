using System.Buffers.Binary;
using System.Text;
using Distill.Elf;

namespace Distill.Tests.Elf;

/// <summary>
/// Writes a small ELF file of any class and byte order with one PT_LOAD that maps the whole file at
/// <see cref="BaseAddress"/>, an optional PT_INTERP, and a PT_DYNAMIC with DT_NEEDED, DT_SONAME, DT_RUNPATH
/// and DT_STRTAB. Tests use it for the layouts the host's gcc cannot produce and to corrupt single fields.
/// </summary>
internal sealed record SyntheticElf(ElfClass Class, ElfData Data, ushort Machine)
{
    public const ulong BaseAddress = 0x10000;

    public uint Flags { get; init; }

    public ElfFileType Type { get; init; } = ElfFileType.SharedObject;

    public string? Interpreter { get; init; } = "/lib/ld-test.so.1";

    public IReadOnlyList<string> Needed { get; init; } = ["libc.so.6", "libfoo.so.1"];

    public string? Soname { get; init; } = "libtest.so.1";

    public string? RunPath { get; init; } = "/opt/lib";

    /// <summary>Added to the DT_STRTAB address, to point it outside the PT_LOAD segment.</summary>
    public ulong StringTableAddressShift { get; init; }

    private bool Is64 => Class == ElfClass.Elf64;

    public byte[] Build()
    {
        var headerSize = Is64 ? 64 : 52;
        var programHeaderSize = Is64 ? 56 : 32;
        var programHeaderCount = Interpreter is null ? 2 : 3;
        var interpreterOffset = headerSize + programHeaderSize * programHeaderCount;
        var interpreter = Interpreter is null ? [] : Encoding.ASCII.GetBytes(Interpreter + "\0");
        var (strings, offsets) = BuildStringTable();
        var stringTableOffset = interpreterOffset + interpreter.Length;
        var dynamicOffset = Align(stringTableOffset + strings.Length, 8);
        var dynamic = BuildDynamic(offsets, (ulong)stringTableOffset, (ulong)strings.Length);
        var file = new byte[dynamicOffset + dynamic.Length];

        WriteHeader(file, headerSize, programHeaderSize, programHeaderCount);
        var programHeader = headerSize;
        WriteProgramHeader(file, programHeader, ElfConstants.PtLoad, 0, (ulong)file.Length);
        programHeader += programHeaderSize;
        WriteProgramHeader(file, programHeader, ElfConstants.PtDynamic, (ulong)dynamicOffset, (ulong)dynamic.Length);
        if (Interpreter is not null)
        {
            programHeader += programHeaderSize;
            WriteProgramHeader(
                file, programHeader, ElfConstants.PtInterp, (ulong)interpreterOffset, (ulong)interpreter.Length);
        }

        interpreter.CopyTo(file, interpreterOffset);
        strings.CopyTo(file, stringTableOffset);
        dynamic.CopyTo(file, dynamicOffset);
        return file;
    }

    private (byte[] Strings, Dictionary<string, int> Offsets) BuildStringTable()
    {
        var table = new MemoryStream();
        table.WriteByte(0);
        var offsets = new Dictionary<string, int>();
        foreach (var value in Needed.Append(Soname).Append(RunPath).OfType<string>())
        {
            offsets[value] = (int)table.Length;
            table.Write(Encoding.ASCII.GetBytes(value + "\0"));
        }

        return (table.ToArray(), offsets);
    }

    private byte[] BuildDynamic(Dictionary<string, int> offsets, ulong stringTableOffset, ulong stringTableSize)
    {
        var entries = Needed.Select(name => (ElfConstants.DtNeeded, (ulong)offsets[name])).ToList();
        if (Soname is not null)
        {
            entries.Add((ElfConstants.DtSoname, (ulong)offsets[Soname]));
        }

        if (RunPath is not null)
        {
            entries.Add((ElfConstants.DtRunpath, (ulong)offsets[RunPath]));
        }

        entries.Add((ElfConstants.DtStrtab, BaseAddress + stringTableOffset + StringTableAddressShift));
        entries.Add((ElfConstants.DtStrsz, stringTableSize));
        entries.Add((ElfConstants.DtNull, 0));

        var entrySize = Is64 ? 16 : 8;
        var bytes = new byte[entries.Count * entrySize];
        for (var index = 0; index < entries.Count; index++)
        {
            WriteWord(bytes, index * entrySize, (ulong)entries[index].Item1);
            WriteWord(bytes, index * entrySize + entrySize / 2, entries[index].Item2);
        }

        return bytes;
    }

    private void WriteHeader(byte[] file, int headerSize, int programHeaderSize, int programHeaderCount)
    {
        file[0] = 0x7f;
        file[1] = (byte)'E';
        file[2] = (byte)'L';
        file[3] = (byte)'F';
        file[4] = (byte)Class;
        file[5] = (byte)Data;
        file[6] = 1;
        WriteU16(file, 16, (ushort)Type);
        WriteU16(file, 18, Machine);
        WriteU32(file, 20, 1);
        WriteWord(file, 24, BaseAddress);
        WriteWord(file, Is64 ? 32 : 28, (ulong)headerSize);
        WriteU32(file, Is64 ? 48 : 36, Flags);
        WriteU16(file, Is64 ? 52 : 40, (ushort)headerSize);
        WriteU16(file, Is64 ? 54 : 42, (ushort)programHeaderSize);
        WriteU16(file, Is64 ? 56 : 44, (ushort)programHeaderCount);
    }

    private void WriteProgramHeader(byte[] file, int at, uint type, ulong offset, ulong size)
    {
        WriteU32(file, at, type);
        if (Is64)
        {
            WriteU32(file, at + 4, 4);
            WriteWord(file, at + 8, offset);
            WriteWord(file, at + 16, BaseAddress + offset);
            WriteWord(file, at + 24, BaseAddress + offset);
            WriteWord(file, at + 32, size);
            WriteWord(file, at + 40, size);
            WriteWord(file, at + 48, 8);
        }
        else
        {
            WriteWord(file, at + 4, offset);
            WriteWord(file, at + 8, BaseAddress + offset);
            WriteWord(file, at + 12, BaseAddress + offset);
            WriteWord(file, at + 16, size);
            WriteWord(file, at + 20, size);
            WriteU32(file, at + 24, 4);
            WriteWord(file, at + 28, 4);
        }
    }

    private void WriteWord(byte[] file, int at, ulong value)
    {
        if (Is64)
        {
            WriteU64(file, at, value);
        }
        else
        {
            WriteU32(file, at, (uint)value);
        }
    }

    private void WriteU16(byte[] file, int at, ushort value)
    {
        if (Data == ElfData.LittleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(at), value);
        }
    }

    private void WriteU32(byte[] file, int at, uint value)
    {
        if (Data == ElfData.LittleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at), value);
        }
    }

    private void WriteU64(byte[] file, int at, ulong value)
    {
        if (Data == ElfData.LittleEndian)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(file.AsSpan(at), value);
        }
    }

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
