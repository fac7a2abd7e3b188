namespace Distill.Elf;

/// <summary>The ELF file class, EI_CLASS of e_ident: the size of addresses and offsets.</summary>
public enum ElfClass : byte
{
    Elf32 = 1,
    Elf64 = 2,
}

/// <summary>The data encoding, EI_DATA of e_ident.</summary>
public enum ElfData : byte
{
    LittleEndian = 1,
    BigEndian = 2,
}

/// <summary>The object file type, e_type of the ELF header. A PIE is a <see cref="SharedObject"/>.</summary>
public enum ElfFileType : ushort
{
    None = 0,
    Relocatable = 1,
    Executable = 2,
    SharedObject = 3,
    Core = 4,
}

/// <summary>How a program is started, derived from its program headers.</summary>
public enum ElfLinking
{
    /// <summary>No PT_INTERP and no PT_DYNAMIC: the kernel runs the file alone.</summary>
    Static,

    /// <summary>PT_DYNAMIC with DF_1_PIE but no PT_INTERP: the program relocates itself.</summary>
    StaticPie,

    /// <summary>
    /// PT_INTERP, so the kernel starts the interpreter first; or a shared library, which has PT_DYNAMIC
    /// without PT_INTERP and is loaded by the interpreter of the program that needs it.
    /// </summary>
    Dynamic,
}

/// <summary>One entry of the program header table.</summary>
public sealed record ElfProgramHeader(
    uint Type, uint Flags, ulong Offset, ulong VirtualAddress, ulong FileSize, ulong MemorySize, ulong Align);

/// <summary>Constants of the ELF specification (System V gABI) and glibc's elf.h that Distill reads.</summary>
public static class ElfConstants
{
    public const uint PtLoad = 1;
    public const uint PtDynamic = 2;
    public const uint PtInterp = 3;

    public const long DtNull = 0;
    public const long DtNeeded = 1;
    public const long DtStrtab = 5;
    public const long DtStrsz = 10;
    public const long DtSoname = 14;
    public const long DtRpath = 15;
    public const long DtRunpath = 29;
    public const long DtFlags = 30;
    public const long DtFlags1 = 0x6ffffffb;

    public const ulong Df1Nodeflib = 0x800;
    public const ulong Df1Pie = 0x08000000;

    public const ushort EmI386 = 3;
    public const ushort EmArm = 40;
    public const ushort EmPpc64 = 21;
    public const ushort EmS390 = 22;
    public const ushort EmX86_64 = 62;
    public const ushort EmAarch64 = 183;
    public const ushort EmRiscv = 243;

    /// <summary>e_flags bit of an ARM EABI object that uses the hard-float calling convention (armhf).</summary>
    public const uint EfArmAbiFloatHard = 0x400;
}
