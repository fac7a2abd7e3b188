using Distill.Applications;

namespace Distill.Tests.Applications;

public sealed class ApplicationParsingTests
{
    [Theory]
    [InlineData("bin:/app/bin", "app/bin", null, 0, 0)]
    [InlineData("bin:/app/bin:4755", "app/bin", 0b100_111_101_101, 0, 0)]
    [InlineData("bin:/app//bin/::1000:1001", "app/bin", null, 1000, 1001)]
    public void AddedPath_ParsesEachForm(string value, string destination, int? mode, int uid, int gid)
    {
        var added = AddedPath.Parse(value);

        Assert.Equal("bin", added.Source);
        Assert.Equal(destination, added.Destination);
        Assert.Equal(mode, added.Mode);
        Assert.Equal(uid, added.Uid);
        Assert.Equal(gid, added.Gid);
    }

    [Theory]
    [InlineData("bin", "SRC:DEST")]
    [InlineData("bin:app/bin", "absolute path")]
    [InlineData("bin:/", "absolute path")]
    [InlineData("bin:/app/../etc", "'..'")]
    [InlineData("bin:/app:9999", "MODE '9999'")]
    [InlineData("bin:/app:0755:x:0", "UID 'x'")]
    [InlineData("bin:/app:0755:0", "SRC:DEST")]
    public void AddedPath_RejectsInvalidValue(string value, string fix)
    {
        var error = Assert.Throws<DistillException>(() => AddedPath.Parse(value));

        Assert.Contains($"invalid --add '{value}'", error.Message);
        Assert.Contains(fix, error.Message);
    }

    [Theory]
    [InlineData("/app/server", new[] { "/app/server" })]
    [InlineData("[\"/app/server\",\"8080\"]", new[] { "/app/server", "8080" })]
    [InlineData(" [\"a b\"]", new[] { "a b" })]
    public void ExecForm_ParsesArrayAndWord(string value, string[] expected)
    {
        Assert.Equal(expected, ExecForm.Parse("--entrypoint", value));
    }

    [Theory]
    [InlineData("/app/server 8080", "'[\"/app/server\",\"8080\"]'")]
    [InlineData("run;exit", "'[\"run;exit\"]'")]
    [InlineData("$HOME/app", "'[\"$HOME/app\"]'")]
    [InlineData("[\"/app\",1]", "[\"/path/to/program\",\"argument\"]")]
    [InlineData("[]", "[\"/path/to/program\",\"argument\"]")]
    [InlineData("", "'[\"/path/to/program\"]'")]
    public void ExecForm_RejectsShellForm(string value, string arrayForm)
    {
        var error = Assert.Throws<ShellFormCommandException>(() => ExecForm.Parse("--cmd", value));

        Assert.Contains($"invalid --cmd '{value}'", error.Message);
        Assert.Contains(arrayForm, error.Message);
    }
}
