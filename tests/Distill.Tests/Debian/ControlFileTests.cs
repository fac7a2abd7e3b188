using Distill.Debian;

namespace Distill.Tests.Debian;

public class ControlFileTests
{
    [Fact]
    public void Parse_SplitsParagraphsAtBlankLines()
    {
        var paragraphs = ControlFile.Parse("Package: a\nVersion: 1\n\n\nPackage: b\n \t \nPackage: c\n").ToList();

        Assert.Equal(["a", "b", "c"], paragraphs.Select(paragraph => paragraph["Package"]));
    }

    [Fact]
    public void Parse_KeepsContinuationLines()
    {
        var paragraph = ControlFile.Parse("Description: short\n long line one\n .\n long line two\nX: y\n").Single();

        Assert.Equal("short\n long line one\n .\n long line two", paragraph["Description"]);
        Assert.Equal("y", paragraph["X"]);
    }

    [Fact]
    public void Parse_StartsMultilineFieldWithEmptyValue()
    {
        var paragraph = ControlFile.Parse("SHA256:\n abc 12 main/Packages\n def 34 main/Packages.gz\n").Single();

        Assert.Equal("\n abc 12 main/Packages\n def 34 main/Packages.gz", paragraph["SHA256"]);
    }

    [Fact]
    public void Parse_SkipsComments()
    {
        var paragraph = ControlFile.Parse("# a comment\nPackage: a\n# another\nVersion: 1\n").Single();

        Assert.Equal(2, paragraph.Fields.Count);
    }

    [Fact]
    public void Parse_TrimsValues()
    {
        var paragraph = ControlFile.Parse("Package:   spaced  \t\n").Single();

        Assert.Equal("spaced", paragraph["Package"]);
    }

    [Fact]
    public void Lookup_IgnoresCase()
    {
        var paragraph = ControlFile.Parse("Pre-Depends: libc6\n").Single();

        Assert.Equal("libc6", paragraph["pre-depends"]);
        Assert.Null(paragraph["Depends"]);
    }

    [Fact]
    public void Parse_RejectsContinuationOutsideField()
    {
        var error = Assert.Throws<FormatException>(() => ControlFile.Parse(" orphan\n").ToList());

        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public void Parse_RejectsLineWithoutColon()
    {
        var error = Assert.Throws<FormatException>(() => ControlFile.Parse("Package: a\nno colon here\n").ToList());

        Assert.Contains("line 2", error.Message);
        Assert.Contains("no colon here", error.Message);
    }

    [Fact]
    public void Set_KeepsPositionOfExistingField()
    {
        var paragraph = ControlFile.Parse("Package: a\nVersion: 1\nArchitecture: all\n").Single();

        paragraph.Set("version", "2");
        paragraph.Set("Status", "install ok installed");

        Assert.Equal("Package: a\nVersion: 2\nArchitecture: all\nStatus: install ok installed\n", paragraph.ToString());
    }

    [Fact]
    public void ToString_RoundTripsParagraph()
    {
        const string text = "Package: libc6\nDescription: GNU C Library\n shared libraries\nSHA256:\n abc 1 x\n";

        Assert.Equal(text, ControlFile.Parse(text).Single().ToString());
    }

    [Fact]
    public void Require_NamesMissingField()
    {
        var paragraph = ControlFile.Parse("Package: a\n").Single();

        var error = Assert.Throws<FormatException>(() => paragraph.Require("Version"));

        Assert.Contains("Version", error.Message);
    }
}
