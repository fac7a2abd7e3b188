using Distill.Content;
using Distill.Debian;

namespace Distill.Tests.Content;

public class DpkgStatusTests
{
    private const string Control =
        "Package: libc6\nVersion: 2.41-12\nArchitecture: amd64\nDescription: GNU C Library\n shared libraries\n";

    [Fact]
    public void FormatStatus_PutsStatusAfterPackage()
    {
        var control = ControlFile.Parse(Control).Single();

        var status = DpkgStatus.FormatStatus(control);

        Assert.Equal(
            "Package: libc6\nStatus: install ok installed\nVersion: 2.41-12\nArchitecture: amd64\n" +
            "Description: GNU C Library\n shared libraries\n",
            status);
    }

    [Fact]
    public void AddTo_DropsMd5sumsOfAbsentFiles()
    {
        var control = ControlFile.Parse(Control).Single();
        var md5sums =
            "0123456789abcdef0123456789abcdef  lib/x86_64-linux-gnu/libc.so.6\n" +
            "fedcba9876543210fedcba9876543210  usr/share/man/man1/ldd.1.gz\n";
        var tree = new FileTree();

        DpkgStatus.AddTo(tree, control, md5sums, path => !path.Contains("/man/"), DateTimeOffset.UnixEpoch);

        var kept = ReadText(tree.Find("var/lib/dpkg/status.d/libc6.md5sums")!);
        Assert.Equal("0123456789abcdef0123456789abcdef  lib/x86_64-linux-gnu/libc.so.6\n", kept);
        Assert.StartsWith("Package: libc6\nStatus: install ok installed\n", ReadText(tree.Find("var/lib/dpkg/status.d/libc6")!));
    }

    private static string ReadText(FileEntry entry)
    {
        using var reader = new StreamReader(entry.Content!.Open());
        return reader.ReadToEnd();
    }
}
