using Distill.Debian.Archive;
using Xunit;

namespace Distill.Tests.Debian;

public sealed class AptSourcesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("distill-apt-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void FindMirrorsReadsDeb822()
    {
        Write("sources.list.d/debian.sources", """
            Types: deb
            # a comment inside the paragraph
            URIs: http://mirror.test/debian
            Suites: bookworm bookworm-updates
            Components: main
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

            Types: deb
            URIs: http://security.test/debian-security
            Suites: bookworm-security
            Components: main
            """);

        var mirrors = AptSources.FindMirrors(root);

        Assert.Equal(new Uri("http://mirror.test/debian"), mirrors.Mirror);
        Assert.Equal(new Uri("http://security.test/debian-security"), mirrors.SecurityMirror);
    }

    [Fact]
    public void FindMirrorsReadsOneLineStyle()
    {
        Write("sources.list", """
            # deb http://commented.test/debian bookworm main
            deb-src http://source.test/debian bookworm main
            deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://mirror.test/debian trixie main
            deb http://security.test/debian-security trixie-security main # trailing comment
            """);

        var mirrors = AptSources.FindMirrors(root);

        Assert.Equal(new Uri("http://mirror.test/debian"), mirrors.Mirror);
        Assert.Equal(new Uri("http://security.test/debian-security"), mirrors.SecurityMirror);
    }

    [Fact]
    public void FindMirrorsDerivesSecurityMirror()
    {
        Write("sources.list.d/debian.list", "deb http://mirror.test/debian/ bookworm main\n");

        var mirrors = AptSources.FindMirrors(root);

        Assert.Equal(new Uri("http://mirror.test/debian/"), mirrors.Mirror);
        Assert.Equal(new Uri("http://mirror.test/debian-security"), mirrors.SecurityMirror);
    }

    [Fact]
    public void FindMirrorsSkipsDisabledAndThirdParty()
    {
        Write("sources.list.d/a-nodesource.sources", """
            Types: deb
            URIs: https://nodesource.test/node_20.x
            Suites: nodistro
            Components: main
            """);
        Write("sources.list.d/b-old.list.disabled-by-admin", "deb http://disabled.test/debian bookworm main\n");
        Write("sources.list.d/c-off.sources", """
            Types: deb
            URIs: http://off.test/debian
            Suites: bookworm
            Enabled: no
            """);
        Write("sources.list.d/d-src.sources", """
            Types: deb-src
            URIs: http://source.test/debian
            Suites: bookworm
            """);
        Write("sources.list.d/e-debian.sources", """
            Types: deb deb-src
            URIs: http://mirror.test/debian
            Suites: bookworm
            """);

        var mirrors = AptSources.FindMirrors(root);

        Assert.Equal(new Uri("http://mirror.test/debian"), mirrors.Mirror);
        Assert.Equal(new Uri("http://mirror.test/debian-security"), mirrors.SecurityMirror);
    }

    [Fact]
    public void FindMirrorsReadsSourcesListFirst()
    {
        Write("sources.list", "deb http://first.test/debian trixie main\n");
        Write("sources.list.d/debian.sources", "Types: deb\nURIs: http://second.test/debian\nSuites: trixie\n");

        var entries = AptSources.ReadEntries(root).ToList();

        Assert.Equal(2, entries.Count);
        Assert.Equal(new Uri("http://first.test/debian"), entries[0].Uri);
        Assert.Equal("trixie", entries[0].Suite);
        Assert.Equal(new Uri("http://first.test/debian"), AptSources.FindMirrors(root).Mirror);
    }

    [Fact]
    public void FindMirrorsWithoutDebianEntryThrows()
    {
        Write("sources.list.d/other.list", "deb https://nodesource.test/node_20.x nodistro main\n");

        var error = Assert.Throws<MirrorNotConfiguredException>(() => AptSources.FindMirrors(root));

        Assert.Contains("--mirror", error.Message);
    }

    [Fact]
    public void FindMirrorsCannotDeriveSecurityMirror()
    {
        Write("sources.list", "deb http://mirror.test/pub/linux bookworm main\n");

        var error = Assert.Throws<MirrorNotConfiguredException>(() => AptSources.FindMirrors(root));

        Assert.Contains("http://mirror.test/pub/linux", error.Message);
        Assert.Contains("--security-mirror", error.Message);
    }

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(root, "etc", "apt", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
