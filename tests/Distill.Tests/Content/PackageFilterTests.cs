using Distill.Content;

namespace Distill.Tests.Content;

public class PackageFilterTests
{
    [Theory]
    [InlineData("usr/share/man/man1/ls.1.gz", false)]
    [InlineData("usr/share/info/dir", false)]
    [InlineData("usr/share/lintian/overrides/libc6", false)]
    [InlineData("usr/share/doc/libc6/changelog.Debian.gz", false)]
    [InlineData("usr/share/doc/libc6/copyright", true)]
    [InlineData("usr/share/doc/libc6", true)]
    [InlineData("usr/share/zoneinfo/UTC", true)]
    [InlineData("usr/share/mandoc", true)]
    public void PackageFilter_KeepsRuntimeFiles(string path, bool kept)
    {
        Assert.Equal(kept, PackageFilter.Keeps(path));
    }
}
