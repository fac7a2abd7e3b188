using Distill.Dockerfiles;

namespace Distill.Tests.Dockerfiles;

public sealed class DockerfileParserTests
{
    [Fact]
    public void DirectivesAreReadFromTop()
    {
        var dockerfile = DockerfileParser.Parse("# syntax=docker/dockerfile:1\n# Escape = `\nFROM scratch\n");

        Assert.Equal("docker/dockerfile:1", dockerfile.Directives["syntax"]);
        Assert.Equal('`', dockerfile.EscapeCharacter);
    }

    [Fact]
    public void DirectiveAfterCommentIsComment()
    {
        var dockerfile = DockerfileParser.Parse("# a comment\n# escape=`\nFROM scratch\n");

        Assert.Empty(dockerfile.Directives);
        Assert.Equal('\\', dockerfile.EscapeCharacter);
    }

    [Fact]
    public void DirectiveAfterEmptyLineIsComment()
    {
        var dockerfile = DockerfileParser.Parse("\n# escape=`\nFROM scratch\n");

        Assert.Empty(dockerfile.Directives);
    }

    [Fact]
    public void DuplicateDirectiveIsRejected()
    {
        var error = Assert.Throws<DockerfileSyntaxException>(
            () => DockerfileParser.Parse("# escape=`\n# escape=\\\nFROM scratch\n"));

        Assert.Equal(2, error.Line);
        Assert.Contains("escape", error.Message);
    }

    [Fact]
    public void InvalidEscapeIsRejected()
    {
        var error = Assert.Throws<DockerfileSyntaxException>(
            () => DockerfileParser.Parse("# escape=x\nFROM scratch\n"));

        Assert.Contains("'x'", error.Message);
    }

    [Fact]
    public void KeywordsAreCaseInsensitive()
    {
        var dockerfile = DockerfileParser.Parse("from scratch\nCoPy a /a\n");

        Assert.Equal(["FROM", "COPY"], dockerfile.Instructions.Select(instruction => instruction.Keyword));
    }

    [Fact]
    public void LineAndColumnMarkKeyword()
    {
        var dockerfile = DockerfileParser.Parse("# comment\n\nFROM scratch\n   \tCMD [\"/a\"]\n");

        Assert.Equal((3, 1), (dockerfile.Instructions[0].Line, dockerfile.Instructions[0].Column));
        Assert.Equal((4, 5), (dockerfile.Instructions[1].Line, dockerfile.Instructions[1].Column));
    }

    [Fact]
    public void ContinuationJoinsLines()
    {
        var dockerfile = DockerfileParser.Parse("FROM scratch\nRUN a \\\n  b \\  \n c\nCMD d\n");

        Assert.Equal("a   b  c", dockerfile.Instructions[1].Arguments);
        Assert.Equal(5, dockerfile.Instructions[2].Line);
    }

    [Fact]
    public void ContinuationSkipsCommentsAndEmptyLines()
    {
        var dockerfile = DockerfileParser.Parse(
            "FROM scratch\nRUN a \\\n# note\n\n    \n  # indented note\n  b\nCMD c\n");

        Assert.Equal("a   b", dockerfile.Instructions[1].Arguments);
        Assert.Equal(8, dockerfile.Instructions[2].Line);
    }

    [Fact]
    public void BacktickEscapeContinuesLines()
    {
        var dockerfile = DockerfileParser.Parse("# escape=`\nFROM scratch\nRUN dir c:\\ `\n  /b\n");

        Assert.Equal("dir c:\\   /b", dockerfile.Instructions[1].Arguments);
    }

    [Fact]
    public void ContinuationAtEndOfFileEndsInstruction()
    {
        var dockerfile = DockerfileParser.Parse("FROM scratch\nCMD a \\\n");

        Assert.Equal("a", dockerfile.Instructions[1].Arguments);
    }

    [Fact]
    public void HeredocBodyIsRead()
    {
        var dockerfile = DockerfileParser.Parse("FROM scratch\nRUN <<EOF\n# not a comment\necho \\\nEOF\nCMD x\n");

        var heredoc = Assert.Single(dockerfile.Instructions[1].Heredocs);
        Assert.Equal("EOF", heredoc.Name);
        Assert.Equal("# not a comment\necho \\\n", heredoc.Content);
        Assert.False(heredoc.Quoted);
        Assert.Equal(6, dockerfile.Instructions[2].Line);
    }

    [Fact]
    public void HeredocWithDashStripsTabs()
    {
        var dockerfile = DockerfileParser.Parse("FROM scratch\nRUN <<-END\n\t\techo hi\n\tEND\n");

        var heredoc = Assert.Single(dockerfile.Instructions[1].Heredocs);
        Assert.True(heredoc.StripTabs);
        Assert.Equal("echo hi\n", heredoc.Content);
    }

    [Theory]
    [InlineData("\"EOF\"")]
    [InlineData("'EOF'")]
    public void QuotedHeredocNameIsUnquoted(string opener)
    {
        var dockerfile = DockerfileParser.Parse($"FROM scratch\nRUN <<{opener}\necho $HOME\nEOF\n");

        var heredoc = Assert.Single(dockerfile.Instructions[1].Heredocs);
        Assert.Equal("EOF", heredoc.Name);
        Assert.True(heredoc.Quoted);
    }

    [Fact]
    public void SeveralHeredocsAreReadInOrder()
    {
        var dockerfile = DockerfileParser.Parse("FROM scratch\nCOPY <<A <<B /dest/\na\nA\nb\nB\nUSER 1\n");

        var heredocs = dockerfile.Instructions[1].Heredocs;
        Assert.Equal(["A", "B"], heredocs.Select(heredoc => heredoc.Name));
        Assert.Equal(["a\n", "b\n"], heredocs.Select(heredoc => heredoc.Content));
        Assert.Equal(7, dockerfile.Instructions[2].Line);
    }

    [Fact]
    public void CopyHeredocKeepsDestination()
    {
        var dockerfile = DockerfileParser.Parse("FROM scratch\nCOPY <<EOF /etc/app.conf\nkey = 1\nEOF\n");

        Assert.Equal("<<EOF /etc/app.conf", dockerfile.Instructions[1].Arguments);
        Assert.Equal("key = 1\n", dockerfile.Instructions[1].Heredocs[0].Content);
    }

    [Theory]
    [InlineData("RUN echo \"<<EOF\"")]
    [InlineData("RUN cat <<<EOF")]
    [InlineData("CMD cat <<EOF")]
    public void HeredocOpenerIsIgnoredWhereNotOne(string line)
    {
        var dockerfile = DockerfileParser.Parse($"FROM scratch\n{line}\nUSER 1\n");

        Assert.Empty(dockerfile.Instructions[1].Heredocs);
        Assert.Equal(3, dockerfile.Instructions[2].Line);
    }

    [Fact]
    public void UnterminatedHeredocIsRejected()
    {
        var error = Assert.Throws<DockerfileSyntaxException>(
            () => DockerfileParser.Parse("FROM scratch\nRUN <<EOF\necho\n"));

        Assert.Equal(2, error.Line);
        Assert.Contains("<<EOF", error.Message);
    }

    [Fact]
    public void UnknownInstructionIsRejected()
    {
        var error = Assert.Throws<DockerfileSyntaxException>(() => DockerfileParser.Parse("FROM scratch\nRUNN x\n"));

        Assert.Equal(2, error.Line);
        Assert.Contains("'RUNN'", error.Message);
    }

    [Theory]
    [InlineData("[\"/app\", \"--flag\"]", new[] { "/app", "--flag" })]
    [InlineData("[]", new string[0])]
    [InlineData("  [ \"/a\" ]  ", new[] { "/a" })]
    public void JsonArrayIsExecForm(string text, string[] expected)
    {
        var form = CommandForm.Parse(text);

        Assert.True(form.IsExecForm);
        Assert.Equal(expected, form.ExecArguments);
    }

    [Theory]
    [InlineData("/app --flag", false)]
    [InlineData("['/app']", true)]
    [InlineData("[\"/app\", 1]", true)]
    [InlineData("[\"/app\"] extra", true)]
    [InlineData("[\"/app\",]", true)]
    public void OtherTextIsShellForm(string text, bool malformed)
    {
        var form = CommandForm.Parse(text);

        Assert.False(form.IsExecForm);
        Assert.Equal(malformed, form.IsMalformedExecForm);
    }

    [Fact]
    public void FlagsAreSplitFromArguments()
    {
        var flags = InstructionFlags.Parse("--from=build --chown=1:1 --link /a /b");

        Assert.Equal("build", flags.Get("from"));
        Assert.Equal("1:1", flags.Get("chown"));
        Assert.Contains(flags.Flags, flag => flag.Key == "link" && flag.Value is null);
        Assert.Equal("/a /b", flags.Rest);
    }
}
