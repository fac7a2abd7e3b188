using Distill.Elf;

namespace Distill.Tests.Elf;

/// <summary>Reads programs compiled with the host's gcc and checks every field against readelf.</summary>
public sealed class ElfFileCompiledTests(CompiledPrograms programs) : IClassFixture<CompiledPrograms>
{
    [Fact]
    public void Read_StaticProgram_IsStaticWithoutInterpreter()
    {
        var elf = ElfFile.Read(programs.Static);

        AssertMatchesReadElf(elf, programs.Static);
        Assert.Equal(ElfLinking.Static, elf.Linking);
        Assert.Null(elf.Interpreter);
        Assert.False(elf.HasDynamicSegment);
        Assert.Empty(elf.Needed);
    }

    [Fact]
    public void Read_DynamicProgram_NeedsLibc()
    {
        var elf = ElfFile.Read(programs.Dynamic);

        AssertMatchesReadElf(elf, programs.Dynamic);
        Assert.Equal(ElfLinking.Dynamic, elf.Linking);
        Assert.Equal("/lib64/ld-linux-x86-64.so.2", elf.Interpreter);
        Assert.Equal(["libc.so.6"], elf.Needed);
        Assert.True(elf.IsPie);
        Assert.Equal(ElfFileType.SharedObject, elf.Type);
        Assert.Equal(ElfClass.Elf64, elf.Class);
        Assert.Equal(ElfData.LittleEndian, elf.Data);
        Assert.Equal(ElfConstants.EmX86_64, elf.Machine);
        Assert.Equal("amd64", elf.DebianArchitecture);
    }

    [Fact]
    public void Read_CppProgram_NeedsLibstdcxx()
    {
        var elf = ElfFile.Read(programs.Cpp);

        AssertMatchesReadElf(elf, programs.Cpp);
        Assert.Contains("libstdc++.so.6", elf.Needed);
        Assert.Contains("libc.so.6", elf.Needed);
    }

    [Fact]
    public void Read_SharedLibrary_HasSoname()
    {
        var elf = ElfFile.Read(programs.DemoLibrary);

        AssertMatchesReadElf(elf, programs.DemoLibrary);
        Assert.Equal("libdemo.so.1", elf.Soname);
        Assert.Null(elf.Interpreter);
        Assert.False(elf.IsPie);
        Assert.Equal(ElfLinking.Dynamic, elf.Linking);
    }

    [Fact]
    public void Read_DisableNewDtags_HasRPath()
    {
        var elf = ElfFile.Read(programs.RPathProgram);

        AssertMatchesReadElf(elf, programs.RPathProgram);
        Assert.Equal("$ORIGIN/../lib", elf.RPath);
        Assert.Null(elf.RunPath);
        Assert.Contains("libdemo.so.1", elf.Needed);
    }

    [Fact]
    public void Read_EnableNewDtags_HasRunPath()
    {
        var elf = ElfFile.Read(programs.RunPathProgram);

        AssertMatchesReadElf(elf, programs.RunPathProgram);
        Assert.Equal("$ORIGIN/../lib", elf.RunPath);
        Assert.Null(elf.RPath);
    }

    [Fact]
    public void Read_StaticPie_HasDynamicWithoutInterpreter()
    {
        var elf = ElfFile.Read(programs.StaticPie);

        AssertMatchesReadElf(elf, programs.StaticPie);
        Assert.Equal(ElfLinking.StaticPie, elf.Linking);
        Assert.True(elf.HasDynamicSegment);
        Assert.Null(elf.Interpreter);
        Assert.True(elf.IsPie);
    }

    [Fact]
    public void Read_Span_EqualsStreamRead()
    {
        var fromSpan = ElfFile.Read(File.ReadAllBytes(programs.Cpp), "cpp");
        var fromStream = ElfFile.Read(programs.Cpp);

        Assert.Equal(fromStream.Needed, fromSpan.Needed);
        Assert.Equal(fromStream.Interpreter, fromSpan.Interpreter);
        Assert.Equal(fromStream.ProgramHeaders, fromSpan.ProgramHeaders);
    }

    [Fact]
    public void Read_NonSeekableStream_EqualsFileRead()
    {
        using var pipe = new NonSeekableStream(File.ReadAllBytes(programs.RPathProgram));

        var elf = ElfFile.Read(pipe, "uses-rpath");

        Assert.Equal("$ORIGIN/../lib", elf.RPath);
        Assert.Contains("libdemo.so.1", elf.Needed);
    }

    private static void AssertMatchesReadElf(ElfFile elf, string path)
    {
        var expected = ReadElfOutput.Run(path);

        Assert.Equal(expected.Class, elf.Class == ElfClass.Elf64 ? "ELF64" : "ELF32");
        Assert.Equal(expected.Type, elf.Type == ElfFileType.SharedObject ? "DYN" : "EXEC");
        Assert.Equal(expected.Interpreter, elf.Interpreter);
        Assert.Equal(expected.ProgramHeaderCount, elf.ProgramHeaders.Count);
        Assert.Equal(expected.HasDynamicSegment, elf.HasDynamicSegment);
        Assert.Equal(expected.Needed, elf.Needed);
        Assert.Equal(expected.Soname, elf.Soname);
        Assert.Equal(expected.RPath, elf.RPath);
        Assert.Equal(expected.RunPath, elf.RunPath);
        Assert.Equal(expected.HasPieFlag, elf.IsPie);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
