using Distill.Cli;

namespace Distill.Tests.Cli;

public class ErrorMessageTests
{
    [Theory]
    [InlineData("Invalid digest 'x': too short", "invalid digest 'x': too short")]
    [InlineData("A docker archive holds one architecture", "a docker archive holds one architecture")]
    [InlineData("unknown image 'foo'", "unknown image 'foo'")]
    [InlineData("SHA-256 mismatch", "SHA-256 mismatch")]
    [InlineData("OCI layout is broken", "OCI layout is broken")]
    [InlineData("X", "X")]
    [InlineData("", "")]
    public void AsClause_LowercasesOnlyWords(string message, string expected)
    {
        Assert.Equal(expected, DistillCommandLine.AsClause(message));
    }
}
