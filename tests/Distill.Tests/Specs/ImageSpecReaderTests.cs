using Distill.Building;
using Distill.Specs;

namespace Distill.Tests.Specs;

public sealed class ImageSpecReaderTests
{
    private static readonly string ExamplesFolder = Path.Combine(AppContext.BaseDirectory, "Specs", "Examples");

    [Fact]
    public void FullSpec_ReadsEveryKey()
    {
        var spec = ImageSpecReader.Load(Path.Combine(ExamplesFolder, "server.yaml"));
        var application = spec.Application;

        Assert.Equal(BaseImage.Cc, spec.Base);
        Assert.Equal("debian12", spec.Distro!.Name);
        Assert.Equal(["amd64", "arm64"], spec.Architectures!);
        Assert.True(spec.Nonroot);
        Assert.False(spec.Debug);
        Assert.Equal(["libpq5"], spec.Packages);
        Assert.Equal(["perl-base"], spec.ExcludedPackages);

        var added = Assert.Single(application.Added);
        Assert.Equal(Path.Combine(ExamplesFolder, "bin", "server"), added.Source);
        Assert.Equal("app/server", added.Destination);
        Assert.Equal(0b111_101_101, added.Mode);
        var inline = Assert.Single(application.InlineFiles);
        Assert.Equal("etc/app/config.toml", inline.Destination);
        Assert.Equal("listen = 8080\n", System.Text.Encoding.UTF8.GetString(inline.Content));
        Assert.Equal(0b110_100_000, inline.Mode);
        Assert.Equal(65532, inline.Uid);
        Assert.Equal(65532, inline.Gid);
        Assert.Equal(new Distill.Applications.AddedDirectory("var/lib/app", 0b111_000_000, 65532, 65532),
            Assert.Single(application.Directories));
        Assert.Equal(new Distill.Applications.AddedSymlink("usr/local/bin/server", "/app/server"),
            Assert.Single(application.Symlinks));

        Assert.Equal(["/app/server", "--config", "/etc/app/config.toml"], application.Entrypoint!);
        Assert.Equal(["8080"], application.Cmd!);
        Assert.Equal(["APP_MODE=production"], application.Env);
        Assert.Equal("/app", application.WorkingDir);
        Assert.Equal("65532:65532", application.User);
        Assert.Equal(["8080/tcp"], application.ExposedPorts);
        Assert.Equal("server", application.Labels["org.opencontainers.image.title"]);
        Assert.Equal("an example server", application.Annotations["org.opencontainers.image.description"]);
        Assert.Equal(["/var/lib/app"], application.Volumes);
        Assert.Equal("SIGTERM", application.StopSignal);
    }

    [Fact]
    public void SpecWithoutBase_LeavesBaseNull()
    {
        var spec = ImageSpecReader.Load(Path.Combine(ExamplesFolder, "minimal.yaml"));

        Assert.Null(spec.Base);
        Assert.Null(spec.Distro);
        Assert.Null(spec.Nonroot);
    }

    [Theory]
    [InlineData("base: static\nentrypiont: [/app]\n", "spec.yaml:2:1: unknown key 'entrypiont' in the spec")]
    [InlineData("base: static\nentrypiont: [/app]\n", "did you mean 'entrypoint'?")]
    [InlineData("files:\n  - source: a\n    destination: /a\n    owner: 0\n",
        "spec.yaml:4:5: unknown key 'owner' in files[0]")]
    [InlineData("ports: 8080\n", "spec.yaml:1:8: invalid 'ports': expected a list of strings")]
    [InlineData("nonroot: yes\n", "spec.yaml:1:10: invalid 'nonroot': expected true or false")]
    [InlineData("entrypoint: /app/server 8080\n", "spec.yaml:1:13: invalid 'entrypoint': expected the exec form")]
    [InlineData("env: [A=1]\n", "spec.yaml:1:6: invalid 'env': expected a mapping of names to strings")]
    [InlineData("architectures: [amd64, s390x]\n", "spec.yaml:1:24: invalid 'architectures[1]'")]
    [InlineData("base: alpine\n", "spec.yaml:1:7: invalid 'base': unknown image 'alpine'")]
    [InlineData("files:\n  - content: x\n", "spec.yaml:2:5: missing key 'destination' in files[0]")]
    [InlineData("files:\n  - content: x\n    destination: app\n",
        "spec.yaml:3:18: invalid 'files[0].destination'")]
    [InlineData("files:\n  - content: x\n    destination: /a\n    mode: \"0999\"\n", "invalid 'files[0].mode'")]
    [InlineData("files:\n  - destination: /a\n", "files[0] must have exactly one of 'source'")]
    [InlineData("symlinks:\n  - path: /a\n", "spec.yaml:2:5: missing key 'target' in symlinks[0]")]
    [InlineData("base: [static\n", "spec.yaml:2:1: invalid YAML")]
    [InlineData("- static\n", "spec.yaml:1:1: the spec must be a mapping")]
    public void InvalidSpec_NamesPositionAndFix(string text, string expected)
    {
        var problem = Assert.Throws<ImageSpecException>(() => ImageSpecReader.Parse(text, "spec.yaml", "/specs"));

        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void UnknownKey_ListsValidKeys()
    {
        var problem = Assert.Throws<ImageSpecException>(() => ImageSpecReader.Parse("size: 1\n", "spec.yaml", "/"));

        Assert.Contains("the keys are base, distro, architectures", problem.Message);
    }

    [Theory]
    [InlineData("image.yaml", true)]
    [InlineData("specs/image.yml", true)]
    [InlineData("cc", false)]
    public void IsSpecPath_MatchesYamlNames(string image, bool expected) =>
        Assert.Equal(expected, ImageSpecReader.IsSpecPath(image));
}
