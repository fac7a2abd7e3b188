using Distill.Blobs;
using Distill.Sbom;

namespace Distill.Tests.Sbom;

/// <summary>A small image inventory with an epoch, a '+' in a name and version, a LicenseRef and a file.</summary>
internal static class SampleSbom
{
    public static readonly DateTimeOffset Created = new(2025, 5, 20, 12, 30, 15, TimeSpan.FromHours(2));

    public static SbomSubject Subject(string digestSeed = "image") =>
        new("example/app:1.0", Digest.Compute(System.Text.Encoding.UTF8.GetBytes(digestSeed)), "amd64");

    public static IReadOnlyList<SbomPackage> Packages() =>
    [
        new("zlib1g", "1:1.2.13.dfsg-1", "amd64", "zlib", "1:1.2.13.dfsg-1", new string('a', 64), "Zlib", "debian-12")
        {
            Maintainer = "Mark Brown <broonie@debian.org>",
        },
        new(
            "libstdc++6", "12.2.0-14+deb12u1", "amd64", "gcc-12", "12.2.0-14+deb12u1", new string('b', 64),
            SbomPackage.NoAssertion, "debian-12"),
        new(
            "tzdata", "2025b-0+deb12u1", "all", "tzdata", "2025b-0+deb12u1", new string('c', 64),
            "LicenseRef-public-domain", "debian-12"),
        new(
            "libssl3", "3.0.16-1~deb12u1", "amd64", "openssl", "3.0.16-1~deb12u1", new string('d', 64),
            "Apache-2.0 AND (Artistic-1.0-Perl OR GPL-1.0-or-later)", "debian-12")
        {
            Maintainer = "Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>",
        },
    ];

    public static IReadOnlyList<SbomFile> Files() =>
    [
        new("app/server", new string('e', 64)) { Sha1 = new string('f', 40) },
        new("etc/app/config.yaml", new string('1', 64)),
    ];

    public static SbomDocument Document(string digestSeed = "image") =>
        new(Subject(digestSeed), Packages(), Files(), Created, toolVersion: "0.1.0");
}
