using System.Text;
using Distill.Debian.Archive;
using Distill.Debian.Resolution;
using Xunit;

namespace Distill.Tests.Debian.Resolution;

public class DependencyResolverTests
{
    [Fact]
    public void Resolve_FollowsDependsAndPreDepends()
    {
        var index = Index(
            Package("app", depends: "libfoo", preDepends: "libpre"),
            Package("libfoo", depends: "libbar"),
            Package("libbar"),
            Package("libpre"),
            Package("unrelated"));

        var added = Resolve(index, ["app"]);

        Assert.Equal(["app", "libpre", "libfoo", "libbar"], Names(added));
        Assert.Equal("requested", added[0].Reason);
        Assert.Equal("needed by app for Pre-Depends: libpre", added[1].Reason);
        Assert.Equal("needed by libfoo for Depends: libbar", added[3].Reason);
        Assert.Equal(["app", "libfoo", "libbar"], added[3].Chain);
    }

    [Fact]
    public void Resolve_StopsAtCycles()
    {
        var index = Index(
            Package("app", depends: "liba"),
            Package("liba", depends: "libb"),
            Package("libb", depends: "liba, app"));

        var added = Resolve(index, ["app"]);

        Assert.Equal(["app", "liba", "libb"], Names(added));
    }

    [Fact]
    public void Resolve_FirstAlternativeUnsatisfiable_TakesSecond()
    {
        var index = Index(
            Package("app", depends: "libfast | libslow"),
            Package("libfast", depends: "libmissing"),
            Package("libslow"));

        var added = Resolve(index, ["app"]);

        Assert.Equal(["app", "libslow"], Names(added));
        Assert.Equal("needed by app for Depends: libfast | libslow", added[1].Reason);
    }

    [Fact]
    public void Resolve_PrefersAlternativeAlreadyChosen()
    {
        var index = Index(
            Package("app", depends: "libcommon, liba | libb"),
            Package("libcommon", depends: "libb"),
            Package("liba"),
            Package("libb"));

        var added = Resolve(index, ["app"]);

        Assert.Equal(["app", "libcommon", "libb"], Names(added));
    }

    [Fact]
    public void Resolve_VirtualWithTwoProviders_TakesFirstByName()
    {
        var index = Index(
            Package("app", depends: "mail-agent"),
            Package("zmailer", provides: "mail-agent"),
            Package("amailer", provides: "mail-agent"));

        var added = Resolve(index, ["app"]);

        Assert.Equal(["app", "amailer"], Names(added));
    }

    [Fact]
    public void Resolve_VirtualWithTwoProviders_PrefersInstalled()
    {
        var index = Index(
            Package("app", depends: "mail-agent"),
            Package("zmailer", provides: "mail-agent"),
            Package("amailer", provides: "mail-agent"));

        var added = Resolve(index, ["app"], installed: ["zmailer"]);

        Assert.Equal(["app"], Names(added));
    }

    [Fact]
    public void Resolve_VersionedProvide_SatisfiesVersionedDependency()
    {
        var index = Index(
            Package("app", depends: "libapi (>= 2)"),
            Package("libapi-old", provides: "libapi"),
            Package("libapi-one", provides: "libapi (= 1.5)"),
            Package("libapi-two", provides: "libapi (= 2.1)"));

        var added = Resolve(index, ["app"]);

        Assert.Equal(["app", "libapi-two"], Names(added));
    }

    [Fact]
    public void Resolve_UnversionedProvide_RejectsVersionedDependency()
    {
        var index = Index(
            Package("app", depends: "libapi (>= 2)"),
            Package("libapi-old", provides: "libapi"));

        var error = Assert.Throws<UnsatisfiableDependencyException>(() => Resolve(index, ["app"]));

        Assert.Contains("app -> libapi (>= 2): libapi-old provides libapi", error.Message);
    }

    [Fact]
    public void Resolve_ExcludedPackage_ForcesSecondAlternative()
    {
        var index = Index(
            Package("app", depends: "libgnutls | libopenssl"),
            Package("libgnutls"),
            Package("libopenssl"));

        var added = Resolve(index, ["app"], excluded: ["libgnutls"]);

        Assert.Equal(["app", "libopenssl"], Names(added));
    }

    [Fact]
    public void Resolve_ExcludedOnlyAlternative_Fails()
    {
        var index = Index(Package("app", depends: "libgnutls"), Package("libgnutls"));

        var error = Assert.Throws<UnsatisfiableDependencyException>(
            () => Resolve(index, ["app"], excluded: ["libgnutls"]));

        Assert.Contains("app -> libgnutls: libgnutls is excluded", error.Message);
    }

    [Fact]
    public void Resolve_InstalledPackage_SatisfiesDependency()
    {
        var index = Index(Package("app", depends: "libc6 (>= 2.36)"), Package("libc6", "2.41"));

        var added = Resolve(index, ["app"], installed: ["libc6"]);

        Assert.Equal(["app"], Names(added));
    }

    [Fact]
    public void Resolve_RequestedInstalledPackage_AddsNothing()
    {
        var index = Index(Package("libc6", "2.41"));

        var added = Resolve(index, ["libc6"], installed: ["libc6"]);

        Assert.Empty(added);
    }

    [Fact]
    public void Resolve_UnsatisfiableChain_ShowsChain()
    {
        var index = Index(
            Package("app-lib", depends: "libfoo (>= 2)"),
            Package("libfoo", "2.1", depends: "libbar (>= 3)"),
            Package("libbar", "2.0"));

        var error = Assert.Throws<UnsatisfiableDependencyException>(() => Resolve(index, ["app-lib"]));

        Assert.Contains(
            "app-lib -> libfoo (>= 2) -> libbar (>= 3): no version satisfies libbar (>= 3): the archive has 2.0",
            error.Message);
        Assert.Contains("--exclude", error.Message);
    }

    [Fact]
    public void Resolve_AllAlternativesFail_ListsEach()
    {
        var index = Index(Package("app", depends: "liba | libb (>= 2)"), Package("libb", "1.0"));

        var error = Assert.Throws<UnsatisfiableDependencyException>(() => Resolve(index, ["app"]));

        Assert.Contains("app -> liba | libb (>= 2): no alternative can be installed", error.Message);
        Assert.Contains("app -> liba: liba is not in the archive and no package provides it", error.Message);
        Assert.Contains("app -> libb (>= 2): no version satisfies libb (>= 2): the archive has 1.0", error.Message);
    }

    [Fact]
    public void Resolve_FailedAlternative_LeavesNothingBehind()
    {
        var index = Index(
            Package("app", depends: "liba | libb"),
            Package("liba", depends: "libshared, libmissing"),
            Package("libshared"),
            Package("libb"));

        var added = Resolve(index, ["app"]);

        Assert.Equal(["app", "libb"], Names(added));
    }

    [Fact]
    public void Resolve_InstalledOtherVersion_RejectsPin()
    {
        var index = Index(Package("libc6", "2.41"));
        var installed = Index(Package("libc6", "2.36")).All.ToList();

        var error = Assert.Throws<UnsatisfiableDependencyException>(() => new DependencyResolver(index).Resolve(
            new ResolutionRequest(["libc6=2.41"], "amd64") { Installed = installed }));

        Assert.Contains("libc6 2.36 is already installed", error.Message);
    }

    [Theory]
    [InlineData("=1.5", true)]
    [InlineData("=1.4", false)]
    public void Resolve_Pin_MatchesVersion(string pin, bool resolves)
    {
        var index = Index(Package("libfoo", "1.5"));

        var resolve = () => Resolve(index, ["libfoo" + pin]);

        if (resolves)
        {
            Assert.Equal(["libfoo"], Names(resolve()));
        }
        else
        {
            Assert.Contains("the archive has 1.5", Assert.Throws<UnsatisfiableDependencyException>(resolve).Message);
        }
    }

    [Theory]
    [InlineData("<< 2", false)]
    [InlineData("<< 2.1", true)]
    [InlineData("<= 2", true)]
    [InlineData("<= 1.9", false)]
    [InlineData("= 2", true)]
    [InlineData("= 2.0", false)]
    [InlineData(">= 2", true)]
    [InlineData(">= 2.0.1", false)]
    [InlineData(">> 1.9", true)]
    [InlineData(">> 2", false)]
    [InlineData("> 2", true)]
    public void Resolve_VersionConstraint(string constraint, bool resolves)
    {
        var index = Index(Package("app", depends: $"libfoo ({constraint})"), Package("libfoo", "2"));

        AssertResolves(index, resolves);
    }

    [Theory]
    [InlineData("perl:any", "allowed", "amd64", true)]
    [InlineData("perl:any", "foreign", "amd64", true)]
    [InlineData("perl:any", "same", "amd64", false)]
    [InlineData("perl:any", null, "amd64", false)]
    [InlineData("perl:any", "allowed", "all", true)]
    [InlineData("perl:native", null, "amd64", true)]
    [InlineData("perl:native", null, "all", true)]
    [InlineData("perl:amd64", null, "amd64", true)]
    [InlineData("perl:arm64", "foreign", "amd64", false)]
    [InlineData("perl", "same", "amd64", true)]
    [InlineData("perl", null, "arm64", false)]
    [InlineData("perl", null, "all", true)]
    public void Resolve_ArchitectureQualifier(string depends, string? multiArch, string architecture, bool resolves)
    {
        var index = Index(
            Package("app", depends: depends),
            Package("perl", multiArch: multiArch, architecture: architecture));

        AssertResolves(index, resolves);
    }

    [Theory]
    [InlineData("allowed", true)]
    [InlineData(null, false)]
    public void Resolve_AnyQualifier_OnVirtualPackage(string? multiArch, bool resolves)
    {
        var index = Index(
            Package("app", depends: "perlapi:any"),
            Package("perl-base", provides: "perlapi", multiArch: multiArch));

        AssertResolves(index, resolves);
    }

    [Fact]
    public void Resolve_MissingRequest_NamesIt()
    {
        var index = Index(Package("libfoo"));

        var error = Assert.Throws<UnsatisfiableDependencyException>(() => Resolve(index, ["nosuch"]));

        Assert.Contains("nosuch: nosuch is not in the archive and no package provides it", error.Message);
    }

    [Fact]
    public void Resolve_OrderIsDeterministic()
    {
        var index = Index(
            Package("app", depends: "libz, liba | libb, virtual"),
            Package("libz", depends: "libb"),
            Package("liba"),
            Package("libb"),
            Package("p2", provides: "virtual"),
            Package("p1", provides: "virtual"));

        var first = Names(Resolve(index, ["app"]));
        var second = Names(Resolve(index, ["app"]));

        Assert.Equal(["app", "libz", "libb", "p1"], first);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("")]
    [InlineData("=1.0")]
    [InlineData("two words")]
    public void ParseRequest_RejectsInvalidName(string text)
    {
        Assert.Throws<DistillException>(() => DependencyResolver.ParseRequest(text));
    }

    private static void AssertResolves(PackageIndex index, bool resolves)
    {
        if (resolves)
        {
            Assert.Equal(2, Resolve(index, ["app"]).Count);
        }
        else
        {
            Assert.Throws<UnsatisfiableDependencyException>(() => Resolve(index, ["app"]));
        }
    }

    private static IReadOnlyList<ResolvedPackage> Resolve(
        PackageIndex index, IReadOnlyList<string> requested, IReadOnlyList<string>? installed = null,
        IReadOnlyList<string>? excluded = null)
    {
        var request = new ResolutionRequest(requested, "amd64")
        {
            Installed = [.. (installed ?? []).Select(name => index.Find(name)!)],
            Excluded = new HashSet<string>(excluded ?? [], StringComparer.Ordinal),
        };
        return new DependencyResolver(index).Resolve(request);
    }

    private static List<string> Names(IReadOnlyList<ResolvedPackage> added) =>
        [.. added.Select(package => package.Record.Package)];

    private static PackageIndex Index(params string[] paragraphs) =>
        PackageIndex.Parse(new StringReader(string.Join("\n", paragraphs)));

    private static string Package(
        string name, string version = "1.0", string? depends = null, string? preDepends = null,
        string? provides = null, string? multiArch = null, string architecture = "amd64")
    {
        var text = new StringBuilder()
            .Append($"Package: {name}\nVersion: {version}\nArchitecture: {architecture}\n");
        AppendField(text, "Multi-Arch", multiArch);
        AppendField(text, "Pre-Depends", preDepends);
        AppendField(text, "Depends", depends);
        AppendField(text, "Provides", provides);
        return text.Append($"Filename: pool/{name}_{version}_{architecture}.deb\nSize: 1\n")
            .Append($"SHA256: {new string('0', 64)}\n")
            .ToString();
    }

    private static void AppendField(StringBuilder text, string field, string? value)
    {
        if (value is not null)
        {
            text.Append($"{field}: {value}\n");
        }
    }
}
