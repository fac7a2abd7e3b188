using Distill.Sbom;

namespace Distill.Tests.Sbom;

public sealed class PackageUrlTests
{
    [Theory]
    [InlineData("zlib1g", "1:1.2.13.dfsg-1", "amd64", "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12")]
    [InlineData("attr", "1:2.4.47-2+b1", "amd64", "pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64&distro=debian-12")]
    [InlineData("libstdc++6", "12.2.0-14", "arm64", "pkg:deb/debian/libstdc%2B%2B6@12.2.0-14?arch=arm64&distro=debian-12")]
    [InlineData("ca-certificates", "20230311~deb12u1", "all", "pkg:deb/debian/ca-certificates@20230311~deb12u1?arch=all&distro=debian-12")]
    public void ForDebianPackage_EncodesAsSpecified(string name, string version, string architecture, string expected)
    {
        Assert.Equal(expected, PackageUrl.ForDebianPackage(name, version, architecture, "debian-12"));
    }

    [Fact]
    public void Encode_PercentEncodesUtf8AndSeparators()
    {
        Assert.Equal("a%20b%2Fc%3F%40%C3%A9", PackageUrl.Encode("a b/c?@é"));
    }
}
