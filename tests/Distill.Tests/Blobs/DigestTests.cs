using Distill.Blobs;
using Xunit;

namespace Distill.Tests.Blobs;

public sealed class DigestTests
{
    private const string EmptyHex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void ParseRoundTrips()
    {
        var digest = Digest.Parse($"sha256:{EmptyHex}");

        Assert.Equal(EmptyHex, digest.Hex);
        Assert.Equal($"sha256:{EmptyHex}", digest.ToString());
        Assert.Equal(Digest.Compute([]), digest);
    }

    [Theory]
    [InlineData("", "does not start with 'sha256:'")]
    [InlineData("sha512:" + EmptyHex, "does not start with 'sha256:'")]
    [InlineData(EmptyHex, "does not start with 'sha256:'")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "64 lowercase")]
    [InlineData("sha256:e3b0", "64 lowercase")]
    [InlineData("sha256:" + EmptyHex + "0", "64 lowercase")]
    public void InvalidDigestIsRejected(string value, string expectedMessage)
    {
        var exception = Assert.Throws<InvalidDigestException>(() => Digest.Parse(value));

        Assert.Equal(value, exception.Value);
        Assert.Contains(expectedMessage, exception.Message);
        Assert.Contains($"'{value}'", exception.Message);
    }
}
