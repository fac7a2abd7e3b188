using Distill.Sbom;

namespace Distill.Tests.Sbom;

public sealed class DebianCopyrightTests
{
    private const string Header = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n" +
        "Upstream-Name: example\n\n";

    [Theory]
    [InlineData("GPL-2+", "GPL-2.0-or-later")]
    [InlineData("GPL-2", "GPL-2.0-only")]
    [InlineData("GPL-3.0+", "GPL-3.0-or-later")]
    [InlineData("LGPL-2.1+", "LGPL-2.1-or-later")]
    [InlineData("LGPL-3", "LGPL-3.0-only")]
    [InlineData("AGPL-3+", "AGPL-3.0-or-later")]
    [InlineData("GFDL-NIV-1.3+", "GFDL-1.3-no-invariants-or-later")]
    [InlineData("Expat", "MIT")]
    [InlineData("BSD-3-clause", "BSD-3-Clause")]
    [InlineData("bsd-2-clause", "BSD-2-Clause")]
    [InlineData("Artistic", "Artistic-1.0-Perl")]
    [InlineData("public-domain", "LicenseRef-public-domain")]
    [InlineData("Perl", "Artistic-1.0-Perl OR GPL-1.0-or-later")]
    [InlineData("permissive (see below)", "LicenseRef-permissive--see-below-")]
    [InlineData("GPL-2+ or Artistic-2.0", "GPL-2.0-or-later OR Artistic-2.0")]
    [InlineData("LGPL-2.1+ and GPL-2+", "GPL-2.0-or-later AND LGPL-2.1-or-later")]
    [InlineData("GPL-2+ or Artistic-2.0, and BSD-3-clause", "BSD-3-Clause AND (GPL-2.0-or-later OR Artistic-2.0)")]
    [InlineData("MIT or Apache-2.0 and ISC", "MIT OR (Apache-2.0 AND ISC)")]
    [InlineData("GPL-2+ with Font exception", "GPL-2.0-or-later WITH Font-exception-2.0")]
    [InlineData("GPL-3+ with GCC exception", "GPL-3.0-or-later WITH GCC-exception-3.1")]
    [InlineData("GPL-2+ with OpenSSL exception", "LicenseRef-GPL-2.0-or-later-with-OpenSSL-exception")]
    public void ParseLicense_MapsOneFilesParagraph(string license, string expected)
    {
        var copyright = Header + $"Files: *\nCopyright: 2024 Someone\nLicense: {license}\n";

        Assert.Equal(expected, DebianCopyright.ParseLicense(copyright));
    }

    [Fact]
    public void ParseLicense_JoinsDistinctLicensesSorted()
    {
        var copyright = Header +
            "Files: *\nCopyright: 2024 A\nLicense: Zlib\n\n" +
            "Files: debian/*\nCopyright: 2024 B\nLicense: GPL-2+\n\n" +
            "Files: contrib/*\nCopyright: 2024 C\nLicense: Zlib\n\n" +
            "License: GPL-2+\n This program is free software.\n .\n On Debian systems, see GPL-2.\n";

        Assert.Equal("GPL-2.0-or-later AND Zlib", DebianCopyright.ParseLicense(copyright));
    }

    [Fact]
    public void ParseLicense_IgnoresStandaloneLicenseParagraphs()
    {
        var copyright = Header + "Files: *\nCopyright: 2024 A\nLicense: ISC\n\nLicense: MIT\n Text.\n";

        Assert.Equal("ISC", DebianCopyright.ParseLicense(copyright));
    }

    [Theory]
    [InlineData("This is the Debian prepackaged version of zlib.\n\nIt is free software.\n")]
    [InlineData("Upstream-Name: example\n\nFiles: *\nLicense: MIT\n")]
    [InlineData("")]
    public void ParseLicense_NotMachineReadable_ReturnsNoAssertion(string copyright)
    {
        Assert.Equal("NOASSERTION", DebianCopyright.ParseLicense(copyright));
    }

    [Fact]
    public void ParseLicense_NoFilesParagraph_ReturnsNoAssertion()
    {
        Assert.Equal("NOASSERTION", DebianCopyright.ParseLicense(Header + "License: MIT\n Text.\n"));
    }

    [Fact]
    public void ListedIds_AreOnSpdxLicenseList()
    {
        var listed = SbomSchemas.SpdxListIds();

        foreach (var id in DebianLicenseNames.ListedIds)
        {
            Assert.True(listed.Contains(id), $"{id} is not an ID of the SPDX license list");
        }
    }
}
