using Distill.Debian.Packages;
using Distill.Sbom;
using Distill.Tests.Support;

namespace Distill.Tests.Sbom;

/// <summary>Reads the copyright files of real Debian packages, downloaded from the host's mirror.</summary>
public sealed class DebianCopyrightDebianTests
{
    /// <summary>
    /// libc6 has a free-form copyright file, and the doc directory of libstdc++6 is a symlink to
    /// gcc-12-base, so both have no license to read.
    /// </summary>
    [Theory]
    [InlineData("bookworm", "zlib1g", "Zlib")]
    [InlineData("bookworm", "tzdata", "LicenseRef-public-domain")]
    [InlineData("bookworm", "ca-certificates", "GPL-2.0-or-later AND MPL-2.0")]
    [InlineData("bookworm", "libssl3", "Apache-2.0 AND (Artistic-1.0-Perl OR GPL-1.0-or-later)")]
    [InlineData("bookworm", "libc6", "NOASSERTION")]
    [InlineData("bookworm", "libstdc++6", "NOASSERTION")]
    [InlineData("trixie", "libssl3t64", "Apache-2.0 AND (Artistic-1.0-Perl OR GPL-1.0-or-later)")]
    [InlineData("trixie", "zlib1g", "Zlib")]
    public async Task ReadLicense_DebianPackage_ReturnsExpression(string suite, string package, string expected)
    {
        var download = await DebianMirror.DownloadAsync(suite, "amd64", package);

        var license = DebianCopyright.ReadLicense(DebReader.Read(download.Path));

        Assert.Equal(expected, license);
    }
}
