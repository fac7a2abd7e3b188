using Distill.Dockerfiles;

namespace Distill.Tests.Dockerfiles;

public sealed class DockerfileStagesTests
{
    private static IReadOnlyList<Stage> Split(string text, Dictionary<string, string>? buildArguments = null) =>
        DockerfileStages.Split(DockerfileParser.Parse(text), buildArguments);

    [Fact]
    public void GlobalArgumentsExpandInFrom()
    {
        var stages = Split("ARG BASE=distill/static\nARG TAG=nonroot\nFROM ${BASE}:${TAG}\n");

        Assert.Equal("distill/static:nonroot", stages[0].ImageName);
        Assert.Equal(BaseImageKind.Distill, stages[0].Base.Kind);
        Assert.True(stages[0].Base.Nonroot);
    }

    [Fact]
    public void DefaultSubstitutionApplies()
    {
        var stages = Split("ARG TAG\nFROM gcr.io/distroless/static-debian12:${TAG:-debug}\n");

        Assert.Equal("gcr.io/distroless/static-debian12:debug", stages[0].ImageName);
        Assert.True(stages[0].Base.Debug);
    }

    [Fact]
    public void BuildArgumentOverridesDefault()
    {
        var stages = Split("ARG BASE=debian\nFROM $BASE\n", new() { ["BASE"] = "scratch" });

        Assert.Equal(BaseImageKind.Scratch, stages[0].Base.Kind);
    }

    [Fact]
    public void StageReferenceFollowsBase()
    {
        var stages = Split("FROM distill/cc AS Runtime\nFROM golang AS build\nFROM runtime AS final\n");

        Assert.Equal("runtime", stages[0].Name);
        Assert.Same(stages[0], stages[2].Parent);
        Assert.Equal(BaseImageKind.Distill, stages[2].Base.Kind);
        Assert.Null(stages[1].Parent);
    }

    [Fact]
    public void PlatformFlagIsExpanded()
    {
        var stages = Split("ARG PLATFORM=linux/arm64\nFROM --platform=$PLATFORM scratch AS out\n");

        Assert.Equal("linux/arm64", stages[0].Platform);
        Assert.Equal("scratch", stages[0].ImageName);
    }

    [Fact]
    public void EmptyImageNameIsRejected()
    {
        var error = Assert.Throws<DockerfileSyntaxException>(() => Split("ARG BASE\nFROM ${BASE}\n"));

        Assert.Contains("BASE", error.Message);
    }

    [Theory]
    [InlineData("RUN echo\nFROM scratch\n", "RUN")]
    [InlineData("ARG A=1\n", "no FROM")]
    [InlineData("FROM scratch AS\n", "FROM IMAGE AS NAME")]
    [InlineData("FROM scratch AS 1st\n", "1st")]
    public void InvalidStagesAreRejected(string text, string named)
    {
        var error = Assert.Throws<DockerfileSyntaxException>(() => Split(text));

        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("${A}", "x")]
    [InlineData("$A-$B", "x-")]
    [InlineData("${B:-fallback}", "fallback")]
    [InlineData("${E:-fallback}", "fallback")]
    [InlineData("${E-fallback}", "")]
    [InlineData("${A:+set}", "set")]
    [InlineData("${B+set}", "")]
    [InlineData("'$A'", "$A")]
    [InlineData("\"$A\"", "x")]
    [InlineData("\\$A", "$A")]
    [InlineData("${P#*/}", "b/c")]
    [InlineData("${P##*/}", "c")]
    [InlineData("${P%/*}", "a/b")]
    [InlineData("${P%%/*}", "a")]
    public void VariablesExpandAsInDocker(string word, string expected)
    {
        var values = new Dictionary<string, string> { ["A"] = "x", ["E"] = "", ["P"] = "a/b/c" };
        var expander = new VariableExpander(name => values.GetValueOrDefault(name));

        Assert.Equal(expected, expander.Expand(word));
    }

    [Fact]
    public void RequiredVariableRaises()
    {
        var expander = new VariableExpander(_ => null);

        var error = Assert.Throws<FormatException>(() => expander.Expand("${TAG:?set TAG}"));

        Assert.Contains("set TAG", error.Message);
    }
}
