using Distill.Locking;
using Distill.Tests.Fixtures;

namespace Distill.Tests.Locking;

public sealed class LockFileTests : IDisposable
{
    private readonly TemporaryDirectory work = new("distill-lock-file");

    private static readonly string Libc6Digest = new('a', 64);

    [Fact]
    public void Save_ThenLoad_RoundTrips()
    {
        var path = work.Combine("sub/base.lock.json");
        var lockFile = Sample("2.41-12+deb13u1");

        lockFile.Save(path);
        var loaded = LockFile.Load(path);

        Assert.Equal(lockFile.ToJson(), loaded.ToJson());
        Assert.Equal("debian13", loaded.Distro);
        Assert.Equal("base-nossl", loaded.Image);
        Assert.True(loaded.Nonroot);
        var libc6 = loaded.Find("amd64")!.Packages.Single(package => package.Package == "libc6");
        Assert.Equal("2.41-12+deb13u1", libc6.Version);
        Assert.Equal(Libc6Digest, libc6.Sha256);
        Assert.Equal(1234, libc6.Size);
        Assert.Equal("glibc", libc6.Source);
        Assert.Empty(Directory.GetFiles(work.Combine("sub"), "*.tmp"));
    }

    [Fact]
    public void ToJson_SortsArchitecturesAndPackages()
    {
        var json = Sample("1:2.41-12+deb13u1").ToJson();

        Assert.True(json.IndexOf("\"amd64\"", StringComparison.Ordinal)
            < json.IndexOf("\"arm64\"", StringComparison.Ordinal));
        Assert.True(json.IndexOf("\"base-files\"", StringComparison.Ordinal)
            < json.IndexOf("\"libc6\"", StringComparison.Ordinal));
        Assert.EndsWith("}\n", json);
        Assert.DoesNotContain("\r", json);
        Assert.DoesNotContain("\\u", json);
    }

    [Fact]
    public void Parse_RejectsOtherVersion()
    {
        var json = Sample("2.41-12").ToJson().Replace("\"lockVersion\": 1", "\"lockVersion\": 2");

        var error = Assert.Throws<InvalidLockFileException>(() => LockFile.Parse(json, "x.lock.json"));

        Assert.Contains("lockVersion is 2", error.Message);
    }

    [Fact]
    public void Parse_RejectsInvalidSha256()
    {
        var json = Sample("2.41-12").ToJson().Replace(Libc6Digest, "xyz");

        var error = Assert.Throws<InvalidLockFileException>(() => LockFile.Parse(json, "x.lock.json"));

        Assert.Contains("libc6", error.Message);
    }

    [Fact]
    public void Compare_ListsVersionChanges()
    {
        var changes = LockFileChanges.Compare(Sample("2.41-12"), Sample("2.41-12+deb13u1"));

        Assert.Equal(["libc6 2.41-12 -> 2.41-12+deb13u1"], changes);
    }

    [Fact]
    public void Compare_ListsAddedAndRemoved()
    {
        var previous = Sample("2.41-12");
        var amd64 = previous.Find("amd64")!;
        var updated = previous with
        {
            Architectures =
            [
                amd64 with { Packages = [.. amd64.Packages.Where(package => package.Package != "libc6")] },
                previous.Find("arm64")!,
            ],
        };

        Assert.Equal(["amd64: removed libc6 2.41-12"], LockFileChanges.Compare(previous, updated));
        Assert.Equal(["amd64: added libc6 2.41-12"], LockFileChanges.Compare(updated, previous));
        Assert.Empty(LockFileChanges.Compare(previous, previous));
    }

    public void Dispose() => work.Dispose();

    private static LockFile Sample(string libc6Version)
    {
        LockedArchitecture Packages(string architecture) => new(architecture,
        [
            new LockedPackage("libc6", libc6Version, architecture, $"pool/main/g/glibc/libc6_{architecture}.deb", 1234,
                Libc6Digest, "http://127.0.0.1:8080/debian/", "glibc"),
            new LockedPackage("base-files", "13.8", architecture, $"pool/main/b/base-files/b_{architecture}.deb", 99,
                new string('b', 64), "http://127.0.0.1:8080/debian/"),
        ]);

        return new LockFile(LockFile.CurrentVersion, "debian13", "base-nossl", Nonroot: true, Debug: false,
            "http://127.0.0.1:8080/debian/", "http://127.0.0.1:8080/debian-security/",
            [Packages("arm64"), Packages("amd64")]);
    }
}
