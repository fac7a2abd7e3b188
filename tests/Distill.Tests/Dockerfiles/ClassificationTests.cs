using Distill.Dockerfiles;

namespace Distill.Tests.Dockerfiles;

public sealed class ClassificationTests
{
    [Theory]
    [InlineData("scratch", BaseImageKind.Scratch, false, false)]
    [InlineData("distill/static", BaseImageKind.Distill, false, false)]
    [InlineData("distill/base-nossl:nonroot", BaseImageKind.Distill, false, true)]
    [InlineData("registry.example.com:5000/team/distill/cc:debug-nonroot", BaseImageKind.Distill, true, true)]
    [InlineData("docker://localhost/distill/base-debian12:debug", BaseImageKind.Distill, true, false)]
    [InlineData("oci:out/images:cc-debian12", BaseImageKind.Distill, false, false)]
    [InlineData("oci:/srv/layout:base-debug", BaseImageKind.Distill, true, false)]
    [InlineData("docker-archive:static.tar:distill/static:nonroot", BaseImageKind.Distill, false, true)]
    [InlineData("gcr.io/distroless/static-debian12", BaseImageKind.GoogleDistroless, false, false)]
    [InlineData("gcr.io/distroless/cc-debian12:debug-nonroot", BaseImageKind.GoogleDistroless, true, true)]
    [InlineData("gcr.io/distroless/java21-debian12@sha256:0123", BaseImageKind.GoogleDistroless, false, false)]
    [InlineData("distill/python", BaseImageKind.Other, false, false)]
    [InlineData("static", BaseImageKind.Other, false, false)]
    [InlineData("debian:bookworm-slim", BaseImageKind.Other, false, false)]
    [InlineData("oci:out/images:latest", BaseImageKind.Other, false, false)]
    public void ReferenceIsClassified(string reference, BaseImageKind kind, bool debug, bool nonroot)
    {
        var stageBase = StageBase.Classify(reference);

        Assert.Equal(kind, stageBase.Kind);
        Assert.Equal(debug, stageBase.Debug);
        Assert.Equal(nonroot, stageBase.Nonroot);
    }

    [Theory]
    [InlineData("gcr.io/distroless/static-debian12", true)]
    [InlineData("gcr.io/distroless/nodejs20-debian12", false)]
    [InlineData("distill/cc", true)]
    public void KnownContentsFollowFamily(string reference, bool known)
    {
        Assert.Equal(known, StageBase.Classify(reference).KnownContents);
    }

    [Theory]
    [InlineData("gcr.io/distroless/static-debian12:nonroot", "gcr.io/distroless/static-debian12:debug-nonroot")]
    [InlineData("distill/base", "distill/base:debug")]
    [InlineData("oci:out:cc", "a debug variant (distill build --debug)")]
    public void DebugVariantIsNamed(string reference, string expected)
    {
        Assert.Equal(expected, StageBase.Classify(reference).DebugVariant());
    }

    [Theory]
    [InlineData("/app/server --port 8080", new[] { "/app/server", "--port", "8080" })]
    [InlineData("a 'b c' \"d e\" f\\ g", new[] { "a", "b c", "d e", "f g" })]
    [InlineData("exec /app run", new[] { "/app", "run" })]
    [InlineData("/app \"say \\\"hi\\\"\"", new[] { "/app", "say \"hi\"" })]
    public void PlainWordsSplit(string text, string[] expected)
    {
        var words = ShellWords.Split(text);

        Assert.Null(words.ShellSyntax);
        Assert.Equal(expected, words.Words);
    }

    [Theory]
    [InlineData("a && b", "\"&&\"")]
    [InlineData("a | b", "\"|\"")]
    [InlineData("a; b", "\";\"")]
    [InlineData("a > log", "\">\"")]
    [InlineData("a --port=$PORT", "\"$PORT\"")]
    [InlineData("a \"${HOME}/x\"", "\"${HOME}\"")]
    [InlineData("a $(date)", "\"$(date)\"")]
    [InlineData("rm *.tmp", "\"*\"")]
    [InlineData("cd /app", "\"cd\"")]
    [InlineData("PORT=80 /app", "\"PORT=80\"")]
    [InlineData("/app ~/conf", "\"~\"")]
    [InlineData("/app 'open", "unterminated")]
    public void ShellSyntaxIsNamed(string text, string named)
    {
        var words = ShellWords.Split(text);

        Assert.NotNull(words.ShellSyntax);
        Assert.Contains(named, words.ShellSyntax);
    }

    [Fact]
    public void QuotedOperatorsArePlainWords()
    {
        var words = ShellWords.Split("/app '&&' \"a|b\" '$HOME'");

        Assert.Null(words.ShellSyntax);
        Assert.Equal(["/app", "&&", "a|b", "$HOME"], words.Words);
    }
}
