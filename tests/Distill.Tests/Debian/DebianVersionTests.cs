using Distill.Debian;
using Xunit;

namespace Distill.Tests.Debian;

public class DebianVersionTests
{
    [Theory]
    [InlineData("1.0", 0, "1.0", "")]
    [InlineData("1.0-1", 0, "1.0", "1")]
    [InlineData("2:1.2.3-4", 2, "1.2.3", "4")]
    [InlineData("1:2.36.1-8+deb12u1", 1, "2.36.1", "8+deb12u1")]
    [InlineData("1.2-3-4", 0, "1.2-3", "4")]
    [InlineData("1:2:3-4", 1, "2:3", "4")]
    [InlineData("0.9~rc1", 0, "0.9~rc1", "")]
    [InlineData("  7.88.1-10  ", 0, "7.88.1", "10")]
    public void ParseSplitsParts(string text, int epoch, string upstream, string revision)
    {
        var version = DebianVersion.Parse(text);

        Assert.Equal(epoch, version.Epoch);
        Assert.Equal(upstream, version.Upstream);
        Assert.Equal(revision, version.Revision);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a:1.0")]
    [InlineData(":1.0")]
    [InlineData("1:")]
    [InlineData("1.0-")]
    [InlineData("-1")]
    [InlineData("1.0 2")]
    [InlineData("1.0_2")]
    [InlineData("1.0-a:b")]
    [InlineData("1.0-a-")]
    [InlineData("99999999999:1.0")]
    [InlineData("1.18.36:5.4")]
    public void ParseRejectsInvalid(string text)
    {
        var error = Assert.Throws<InvalidDebianVersionException>(() => DebianVersion.Parse(text));

        Assert.Contains($"'{text.Trim()}'", error.Message);
        Assert.False(DebianVersion.TryParse(text, out _));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("0:1.0")]
    [InlineData("1:2.36.1-8+deb12u1")]
    [InlineData("1.0-0")]
    [InlineData("2.0~rc1+dfsg-1~bpo12+1")]
    public void ToStringRoundTrips(string text)
    {
        Assert.Equal(text, DebianVersion.Parse(text).ToString());
    }

    // Each row: left, right, expected sign of left.CompareTo(right). The rows cover the rules of
    // Debian policy 5.6.12 and the results of `dpkg --compare-versions` (dpkg 1.21.23) for the same pairs.
    [Theory]
    [InlineData("1.0", "1.0", 0)]
    [InlineData("1.0", "0:1.0", 0)]
    [InlineData("1.0", "1.0-0", 0)]
    [InlineData("1.01", "1.1", 0)]
    [InlineData("1.0", "1.", 0)]
    [InlineData("1.0", "1.00", 0)]
    [InlineData("1:1.0", "2.0", 1)]
    [InlineData("1:0.1", "0:9.9", 1)]
    [InlineData("10:1", "9:1", 1)]
    [InlineData("1.2", "1.10", -1)]
    [InlineData("1.9", "1.10", -1)]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0~~", "1.0~~a", -1)]
    [InlineData("1.0~~a", "1.0~", -1)]
    [InlineData("1.0~", "1.0", -1)]
    [InlineData("1.0", "1.0a", -1)]
    [InlineData("~~", "~~a", -1)]
    [InlineData("~~a", "~", -1)]
    [InlineData("~", "0", -1)]
    [InlineData("1.0a", "1.0+", -1)]
    [InlineData("1.0a", "1.0.", -1)]
    [InlineData("1.0+", "1.0.", -1)]
    [InlineData("1.0Z", "1.0a", -1)]
    [InlineData("1.0-1", "1.0-2", -1)]
    [InlineData("1.0-9", "1.0-10", -1)]
    [InlineData("1.0-1", "1.0-1+deb12u1", -1)]
    [InlineData("1.0-1~bpo12+1", "1.0-1", -1)]
    [InlineData("2.36.1-8", "2.36.1-8+deb12u1", -1)]
    [InlineData("1.2-3-4", "1.2-4", 1)]
    [InlineData("1.0-1", "1.0.1-1", -1)]
    [InlineData("a", "b", -1)]
    [InlineData("1a", "1.", -1)]
    [InlineData("0.0.9", "0.0.10", -1)]
    [InlineData("7.88.1-10+deb12u12", "7.88.1-10+deb12u8", 1)]
    public void CompareOrdersAsDpkg(string left, string right, int expected)
    {
        var a = DebianVersion.Parse(left);
        var b = DebianVersion.Parse(right);

        Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
        Assert.Equal(-expected, Math.Sign(b.CompareTo(a)));
        Assert.Equal(expected == 0, a.Equals(b));
        Assert.Equal(expected == 0, a == b);
        Assert.Equal(expected < 0, a < b);
        Assert.Equal(expected > 0, a > b);
    }

    [Theory]
    [InlineData("1.0", "0:1.0")]
    [InlineData("1.0", "1.0-0")]
    [InlineData("1.01", "1.1")]
    [InlineData("1.0", "1.")]
    [InlineData("1.0a", "1.00a")]
    public void EqualVersionsHashAlike(string left, string right)
    {
        Assert.Equal(DebianVersion.Parse(left).GetHashCode(), DebianVersion.Parse(right).GetHashCode());
    }

    [Fact]
    public void SortMatchesPolicyTildeExample()
    {
        string[] expected = ["~~", "~~a", "~", "0", "0a"];
        var shuffled = new[] { "0a", "~", "0", "~~a", "~~" };

        var sorted = shuffled.Select(DebianVersion.Parse).Order().Select(v => v.ToString());

        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void NullSortsFirst()
    {
        var version = DebianVersion.Parse("1.0");

        Assert.True(version.CompareTo(null) > 0);
        Assert.True(null < version);
        Assert.False(version == null);
    }
}
