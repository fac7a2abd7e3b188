using Distill.Content;
using Distill.Debian.Packages;
using Distill.Elf;
using Distill.Tests.Support;

namespace Distill.Tests.Elf;

/// <summary>Reads ELF files from Debian packages of other architectures, downloaded from the host's mirror.</summary>
public sealed class ElfFileDebianTests
{
    [Fact]
    public async Task Read_Arm64Busybox_IsStaticArm64()
    {
        var download = await DebianMirror.DownloadAsync("bookworm", "arm64", "busybox-static");
        var binary = DebReader.Read(download.Path).Files.Single(file => file.Path == "bin/busybox");

        var elf = ElfFile.Read(((BytesContent)binary.Content!).Bytes.Span, binary.Path);

        Assert.Equal(ElfConstants.EmAarch64, elf.Machine);
        Assert.Equal(183, elf.Machine);
        Assert.Equal("arm64", elf.DebianArchitecture);
        Assert.Equal(ElfClass.Elf64, elf.Class);
        Assert.Equal(ElfData.LittleEndian, elf.Data);
        Assert.Equal(ElfLinking.Static, elf.Linking);
        Assert.Null(elf.Interpreter);
    }
}
