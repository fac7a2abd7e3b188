namespace Distill.Tests.Fixtures;

/// <summary>
/// A ready-made trixie mirror in one temporary directory: "debian/" with the suites trixie and
/// trixie-updates, and "debian-security/" with trixie-security, each for amd64 and arm64. trixie has
/// <see cref="TestPackages.MinimalImageSet"/>, trixie-updates a newer tzdata, and trixie-security a newer
/// libc6, so one package has several versions across suites. Serve <see cref="RootDirectory"/> to reach both.
/// </summary>
public sealed class TestMirror : IDisposable
{
    public const string UpdatedTzdataVersion = "2025b-4+deb13u1";
    public const string SecurityLibc6Version = "2.41-12+deb13u1";

    private readonly TemporaryDirectory directory = new("distill-mirror");

    public TestMirror()
    {
        Debian = new TestRepository(directory.Combine("debian"));
        Security = new TestRepository(directory.Combine("debian-security"));

        var trixie = Debian.AddSuite("trixie");
        trixie.Version = "13.0";
        foreach (var architecture in trixie.Architectures)
        {
            trixie.Add(TestPackages.MinimalImageSet(architecture).Where(package => package.Architecture != "all"));
        }

        trixie.Add(TestPackages.CaCertificates(), TestPackages.Tzdata());
        Debian.AddSuite("trixie-updates").Add(TestPackages.Tzdata(UpdatedTzdataVersion));

        var security = Security.AddSuite("trixie-security");
        security.Label = "Debian-Security";
        security.ValidUntil = DateTimeOffset.UtcNow.AddDays(7);
        security.Add(
            TestPackages.Libc6("amd64", SecurityLibc6Version),
            TestPackages.Libc6("arm64", SecurityLibc6Version));
    }

    public string RootDirectory => directory.Path;
    public TestRepository Debian { get; }
    public TestRepository Security { get; }

    /// <summary>Builds both repositories. Change suites, packages or keys before this call.</summary>
    public TestMirror Build()
    {
        Debian.Build();
        Security.Build();
        return this;
    }

    public void Dispose()
    {
        Debian.Dispose();
        Security.Dispose();
        directory.Dispose();
    }
}
