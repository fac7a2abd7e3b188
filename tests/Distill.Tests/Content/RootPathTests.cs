using Distill.Content;

namespace Distill.Tests.Content;

public class RootPathTests
{
    [Theory]
    [InlineData("usr/lib", "../share/x", "usr/share/x")]
    [InlineData("usr/lib", "./x", "usr/lib/x")]
    [InlineData("", "../../etc", "etc")]
    [InlineData("a/b", "c/../../d", "a/d")]
    [InlineData("a", "b//c", "a/b/c")]
    public void Combine_FoldsDots(string directory, string relative, string expected)
    {
        Assert.Equal(expected, RootPath.Combine(directory, relative));
    }

    [Theory]
    [InlineData("usr/lib/x", "usr/lib/y", "../y")]
    [InlineData("usr/lib", "usr/lib/x/y", "x/y")]
    [InlineData("etc", "usr/lib/os-release", "../usr/lib/os-release")]
    [InlineData("usr/lib", "usr/lib", ".")]
    [InlineData("", "usr/bin", "usr/bin")]
    public void Relative_LeadsToTarget(string from, string target, string expected)
    {
        Assert.Equal(expected, RootPath.Relative(from, target));
    }

    [Fact]
    public void Ancestors_OutermostFirst()
    {
        Assert.Equal(["usr", "usr/lib"], RootPath.Ancestors("usr/lib/libc.so.6"));
        Assert.Empty(RootPath.Ancestors("etc"));
    }
}
