namespace Distill.Elf;

/// <summary>
/// The fields of an ELF executable or shared library that decide whether it can run on an image: the
/// header, the program headers, the interpreter and the dynamic section. Everything is read through the
/// program headers, because section headers are optional at run time and stripped files may lack them.
/// </summary>
public sealed class ElfFile
{
    internal ElfFile(string fileName, ElfHeader header, IReadOnlyList<ElfProgramHeader> programHeaders)
    {
        FileName = fileName;
        Class = header.Class;
        Data = header.Data;
        OsAbi = header.OsAbi;
        Type = header.Type;
        Machine = header.Machine;
        Flags = header.Flags;
        Entry = header.Entry;
        ProgramHeaders = programHeaders;
        DebianArchitecture = ElfArchitecture.ToDebianArchitecture(Machine, Class, Data, Flags);
    }

    /// <summary>The path or name the file was read from, used in messages.</summary>
    public string FileName { get; }

    public ElfClass Class { get; }

    public ElfData Data { get; }

    /// <summary>EI_OSABI of e_ident: 0 for System V, 3 for GNU/Linux.</summary>
    public byte OsAbi { get; }

    public ElfFileType Type { get; }

    /// <summary>e_machine, for example 62 for x86-64 (EM_X86_64) or 183 for AArch64 (EM_AARCH64).</summary>
    public ushort Machine { get; }

    /// <summary>e_flags: processor-specific flags such as the ARM float ABI.</summary>
    public uint Flags { get; }

    public ulong Entry { get; }

    /// <summary>The Debian architecture of the file ("amd64", "armhf"), or null if Debian has none.</summary>
    public string? DebianArchitecture { get; }

    public IReadOnlyList<ElfProgramHeader> ProgramHeaders { get; }

    /// <summary>The interpreter path from PT_INTERP ("/lib64/ld-linux-x86-64.so.2"), or null without one.</summary>
    public string? Interpreter { get; internal init; }

    /// <summary>Whether the file has a PT_DYNAMIC segment.</summary>
    public bool HasDynamicSegment { get; internal init; }

    /// <summary>The DT_NEEDED entries in the order of the dynamic section.</summary>
    public IReadOnlyList<string> Needed { get; internal init; } = [];

    public string? Soname { get; internal init; }

    /// <summary>The DT_RPATH string as stored, with its ':' separators and unexpanded $ORIGIN.</summary>
    public string? RPath { get; internal init; }

    /// <summary>The DT_RUNPATH string as stored.</summary>
    public string? RunPath { get; internal init; }

    /// <summary>DT_FLAGS, 0 when absent.</summary>
    public ulong DynamicFlags { get; internal init; }

    /// <summary>DT_FLAGS_1, 0 when absent.</summary>
    public ulong DynamicFlags1 { get; internal init; }

    /// <summary>
    /// Whether the file is a position-independent executable: ET_DYN with DF_1_PIE, which GNU ld sets on
    /// the PIEs it links (binutils 2.40 in Debian 12 does). A PIE linked without the flag reads as a library.
    /// </summary>
    public bool IsPie => Type == ElfFileType.SharedObject && (DynamicFlags1 & ElfConstants.Df1Pie) != 0;

    public ElfLinking Linking => (Interpreter, HasDynamicSegment) switch
    {
        (not null, _) => ElfLinking.Dynamic,
        (null, false) => ElfLinking.Static,
        (null, true) => IsPie ? ElfLinking.StaticPie : ElfLinking.Dynamic,
    };

    /// <summary>Reads an ELF file from a stream. A seekable stream is read only where the fields are.</summary>
    public static ElfFile Read(Stream stream, string fileName)
    {
        if (stream.CanSeek)
        {
            var source = new StreamSource(stream);
            return ElfParser.Parse(ref source, fileName);
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        var copySource = new StreamSource(copy);
        return ElfParser.Parse(ref copySource, fileName);
    }

    /// <summary>Reads an ELF file from its bytes.</summary>
    public static ElfFile Read(ReadOnlySpan<byte> bytes, string fileName)
    {
        var source = new SpanSource(bytes);
        return ElfParser.Parse(ref source, fileName);
    }

    /// <summary>Reads an ELF file from the host's filesystem.</summary>
    public static ElfFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }
}
