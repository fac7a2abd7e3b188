using Distill.Elf;

namespace Distill.Tests.Elf;

/// <summary>Reads synthetic ELF files of each class and byte order, and rejects invalid ones.</summary>
public sealed class ElfFileLayoutTests
{
    [Theory]
    [InlineData(ElfClass.Elf32, ElfData.LittleEndian, ElfConstants.EmArm, ElfConstants.EfArmAbiFloatHard, "armhf")]
    [InlineData(ElfClass.Elf32, ElfData.LittleEndian, ElfConstants.EmArm, 0x05000200u, "armel")]
    [InlineData(ElfClass.Elf32, ElfData.LittleEndian, ElfConstants.EmI386, 0u, "i386")]
    [InlineData(ElfClass.Elf64, ElfData.LittleEndian, ElfConstants.EmPpc64, 0u, "ppc64el")]
    [InlineData(ElfClass.Elf64, ElfData.BigEndian, ElfConstants.EmS390, 0u, "s390x")]
    [InlineData(ElfClass.Elf64, ElfData.LittleEndian, ElfConstants.EmRiscv, 0u, "riscv64")]
    [InlineData(ElfClass.Elf64, ElfData.LittleEndian, ElfConstants.EmAarch64, 0u, "arm64")]
    [InlineData(ElfClass.Elf32, ElfData.BigEndian, (ushort)20, 0u, null)]
    public void Read_ClassAndByteOrder_ReadsAllFields(
        ElfClass elfClass, ElfData data, ushort machine, uint flags, string? architecture)
    {
        var bytes = new SyntheticElf(elfClass, data, machine) { Flags = flags }.Build();

        var elf = ElfFile.Read(bytes, "synthetic");

        Assert.Equal(elfClass, elf.Class);
        Assert.Equal(data, elf.Data);
        Assert.Equal(machine, elf.Machine);
        Assert.Equal(flags, elf.Flags);
        Assert.Equal(architecture, elf.DebianArchitecture);
        Assert.Equal("/lib/ld-test.so.1", elf.Interpreter);
        Assert.Equal(["libc.so.6", "libfoo.so.1"], elf.Needed);
        Assert.Equal("libtest.so.1", elf.Soname);
        Assert.Equal("/opt/lib", elf.RunPath);
        Assert.Null(elf.RPath);
        Assert.Equal(3, elf.ProgramHeaders.Count);
    }

    [Fact]
    public void Read_TextFile_RaisesNotElf()
    {
        var error = Assert.Throws<InvalidElfException>(
            () => ElfFile.Read("#!/bin/sh\necho hello\n"u8, "usr/bin/hello"));

        Assert.Equal(InvalidElfReason.NotElf, error.Reason);
        Assert.Equal("usr/bin/hello", error.FileName);
        Assert.Contains("'usr/bin/hello'", error.Message);
    }

    [Fact]
    public void Read_EmptyFile_RaisesNotElf()
    {
        var error = Assert.Throws<InvalidElfException>(() => ElfFile.Read(ReadOnlySpan<byte>.Empty, "empty"));

        Assert.Equal(InvalidElfReason.NotElf, error.Reason);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(40)]
    [InlineData(100)]
    [InlineData(180)]
    public void Read_TruncatedFile_RaisesTruncated(int length)
    {
        var bytes = new SyntheticElf(ElfClass.Elf64, ElfData.LittleEndian, ElfConstants.EmX86_64).Build();

        var error = Assert.Throws<InvalidElfException>(() => ElfFile.Read(bytes.AsSpan(0, length), "cut"));

        Assert.Equal(InvalidElfReason.Truncated, error.Reason);
        Assert.Contains("'cut'", error.Message);
    }

    [Fact]
    public void Read_StringTableOutsideLoad_RaisesMalformed()
    {
        var bytes = new SyntheticElf(ElfClass.Elf64, ElfData.LittleEndian, ElfConstants.EmX86_64)
        {
            StringTableAddressShift = 0x100000,
        }.Build();

        var error = Assert.Throws<InvalidElfException>(() => ElfFile.Read(bytes, "bad-strtab"));

        Assert.Equal(InvalidElfReason.Malformed, error.Reason);
        Assert.Contains("DT_STRTAB", error.Message);
    }

    [Fact]
    public void Read_InvalidClass_RaisesMalformed()
    {
        var bytes = new SyntheticElf(ElfClass.Elf64, ElfData.LittleEndian, ElfConstants.EmX86_64).Build();
        bytes[4] = 3;

        var error = Assert.Throws<InvalidElfException>(() => ElfFile.Read(bytes, "bad-class"));

        Assert.Equal(InvalidElfReason.Malformed, error.Reason);
        Assert.Contains("EI_CLASS is 3", error.Message);
    }

    [Fact]
    public void Read_InterpreterWithoutNul_RaisesMalformed()
    {
        var bytes = new SyntheticElf(ElfClass.Elf64, ElfData.LittleEndian, ElfConstants.EmX86_64).Build();
        var interpreterEnd = 64 + 3 * 56 + "/lib/ld-test.so.1".Length;
        bytes[interpreterEnd] = (byte)'x';

        var error = Assert.Throws<InvalidElfException>(() => ElfFile.Read(bytes, "bad-interp"));

        Assert.Equal(InvalidElfReason.Malformed, error.Reason);
        Assert.Contains("PT_INTERP", error.Message);
    }

    [Fact]
    public void Read_WrongProgramHeaderSize_RaisesMalformed()
    {
        var bytes = new SyntheticElf(ElfClass.Elf64, ElfData.LittleEndian, ElfConstants.EmX86_64).Build();
        bytes[54] = 32;

        var error = Assert.Throws<InvalidElfException>(() => ElfFile.Read(bytes, "bad-phentsize"));

        Assert.Equal(InvalidElfReason.Malformed, error.Reason);
        Assert.Contains("e_phentsize is 32", error.Message);
    }

    [Fact]
    public void Read_NoInterpreterNoPie_IsDynamicLibrary()
    {
        var bytes = new SyntheticElf(ElfClass.Elf64, ElfData.LittleEndian, ElfConstants.EmX86_64)
        {
            Interpreter = null,
        }.Build();

        var elf = ElfFile.Read(bytes, "library");

        Assert.Null(elf.Interpreter);
        Assert.True(elf.HasDynamicSegment);
        Assert.Equal(ElfLinking.Dynamic, elf.Linking);
    }
}
