namespace Distill.Tests.Fixtures;

/// <summary>
/// Small stand-ins for the packages of a minimal Debian image. The file layout and control fields follow
/// Debian trixie, but file contents are placeholders: the shared libraries are not real ELF objects.
/// </summary>
public static class TestPackages
{
    /// <summary>Returns base-files, libc6, libgcc-s1, ca-certificates and tzdata for one architecture.</summary>
    public static IReadOnlyList<TestPackage> MinimalImageSet(string architecture = "amd64") =>
    [
        BaseFiles(architecture),
        Libc6(architecture),
        LibgccS1(architecture),
        CaCertificates(),
        Tzdata(),
    ];

    /// <summary>Returns the GNU multiarch triplet of a Debian architecture, such as "x86_64-linux-gnu".</summary>
    public static string MultiarchTriplet(string architecture) => architecture switch
    {
        "amd64" => "x86_64-linux-gnu",
        "arm64" => "aarch64-linux-gnu",
        "armhf" => "arm-linux-gnueabihf",
        "i386" => "i386-linux-gnu",
        "ppc64el" => "powerpc64le-linux-gnu",
        "s390x" => "s390x-linux-gnu",
        "riscv64" => "riscv64-linux-gnu",
        _ => throw new ArgumentException($"no multiarch triplet known for architecture '{architecture}'"),
    };

    /// <summary>
    /// Creates an essential base-files package with usr/lib/os-release, etc/os-release as a relative
    /// symlink to it, and the sticky /tmp. With <paramref name="mergedUsrSymlinks"/> it also ships
    /// bin, sbin and lib as symlinks into usr, as a merged-/usr system has them.
    /// </summary>
    public static TestPackage BaseFiles(
        string architecture = "amd64", string version = "13.8", bool mergedUsrSymlinks = false)
    {
        var package = new TestPackage("base-files", version, architecture)
        {
            Essential = true,
            Priority = "required",
            Section = "admin",
            Description = "Debian base system miscellaneous files",
        };
        package
            .WithFile("usr/lib/os-release", OsRelease())
            .WithSymlink("etc/os-release", "../usr/lib/os-release")
            .WithFile("etc/debian_version", "13.0\n")
            .WithFile("etc/host.conf", "multi on\n")
            .WithDirectory("root", (UnixFileMode)0b111_000_000)
            .WithDirectory("tmp", (UnixFileMode)0b1_111_111_111)
            .WithDirectory("var/tmp", (UnixFileMode)0b1_111_111_111)
            .WithFile("usr/share/doc/base-files/copyright", "Placeholder copyright file.\n");
        if (mergedUsrSymlinks)
        {
            package.WithSymlink("bin", "usr/bin").WithSymlink("sbin", "usr/sbin").WithSymlink("lib", "usr/lib");
        }

        return package;
    }

    /// <summary>
    /// Creates a libc6 whose libc.so.6 and dynamic loader sit under lib/ (not usr/lib/), so that a
    /// merged-/usr image must move them, and whose libm.so.6 is already under usr/lib/.
    /// </summary>
    public static TestPackage Libc6(string architecture = "amd64", string version = "2.41-12")
    {
        var triplet = MultiarchTriplet(architecture);
        var package = new TestPackage("libc6", version, architecture)
        {
            Source = "glibc",
            MultiArch = "same",
            Priority = "required",
            Section = "libs",
            Depends = "libgcc-s1",
            Description = "GNU C Library: Shared libraries\nContains the standard libraries of a Debian system.",
        };
        package
            .WithFile($"lib/{triplet}/libc.so.6", PlaceholderLibrary("libc.so.6"), TestPackageEntry.ExecutableMode)
            .WithFile($"usr/lib/{triplet}/libm.so.6", PlaceholderLibrary("libm.so.6"))
            .WithFile("usr/share/doc/libc6/copyright", "Placeholder copyright file.\n");
        if (architecture == "amd64")
        {
            package
                .WithFile($"lib/{triplet}/ld-linux-x86-64.so.2", PlaceholderLibrary("ld-linux-x86-64.so.2"),
                    TestPackageEntry.ExecutableMode)
                .WithSymlink("lib64/ld-linux-x86-64.so.2", $"/lib/{triplet}/ld-linux-x86-64.so.2");
        }
        else if (architecture == "arm64")
        {
            package
                .WithFile($"lib/{triplet}/ld-linux-aarch64.so.1", PlaceholderLibrary("ld-linux-aarch64.so.1"),
                    TestPackageEntry.ExecutableMode)
                .WithSymlink("lib/ld-linux-aarch64.so.1", $"{triplet}/ld-linux-aarch64.so.1");
        }

        return package;
    }

    /// <summary>Creates libgcc-s1, which depends on libc6 while libc6 depends on it, as in Debian.</summary>
    public static TestPackage LibgccS1(string architecture = "amd64", string version = "14.2.0-19")
    {
        var triplet = MultiarchTriplet(architecture);
        return new TestPackage("libgcc-s1", version, architecture)
            {
                Source = $"gcc-14 ({version})",
                MultiArch = "same",
                Priority = "optional",
                Section = "libs",
                Depends = "libc6 (>= 2.35)",
                Provides = $"libgcc1 (= 1:{version})",
                Description = "GCC support library",
            }
            .WithFile($"usr/lib/{triplet}/libgcc_s.so.1", PlaceholderLibrary("libgcc_s.so.1"));
    }

    /// <summary>
    /// Creates an Architecture: all ca-certificates with the PEM files of <see cref="TestCertificates"/>
    /// under usr/share/ca-certificates/mozilla/, and a postinst that would build etc/ssl/certs.
    /// </summary>
    public static TestPackage CaCertificates(string version = "20250419")
    {
        var package = new TestPackage("ca-certificates", version, "all")
        {
            MultiArch = "foreign",
            Section = "misc",
            Description = "Common CA certificates",
        };
        foreach (var certificate in TestCertificates.All)
        {
            package.WithFile($"usr/share/ca-certificates/mozilla/{certificate.FileName}", certificate.Pem);
        }

        var conf = string.Concat(TestCertificates.All.Select(certificate => $"mozilla/{certificate.FileName}\n"));
        return package
            .WithDirectory("etc/ssl/certs")
            .WithFile("etc/ca-certificates.conf", conf)
            .WithControlMember("conffiles", "/etc/ca-certificates.conf\n")
            .WithControlMember(
                "postinst", "#!/bin/sh\nset -e\nupdate-ca-certificates\n", TestPackageEntry.ExecutableMode);
    }

    /// <summary>
    /// Creates an Architecture: all tzdata with a real TZif file at usr/share/zoneinfo/Etc/UTC, the
    /// symlink UTC to it and the hard link Etc/Universal.
    /// </summary>
    public static TestPackage Tzdata(string version = "2025b-4")
    {
        return new TestPackage("tzdata", version, "all")
            {
                MultiArch = "foreign",
                Section = "localization",
                Priority = "required",
                Provides = "tzdata-trixie",
                Description = "time zone and daylight-saving time data",
            }
            .WithFile("usr/share/zoneinfo/Etc/UTC", TimeZoneFiles.CreateFixedOffset("UTC", 0, "UTC0"))
            .WithSymlink("usr/share/zoneinfo/UTC", "Etc/UTC")
            .WithHardLink("usr/share/zoneinfo/Etc/Universal", "usr/share/zoneinfo/Etc/UTC")
            .WithFile("usr/share/zoneinfo/Etc/GMT-1", TimeZoneFiles.CreateFixedOffset("+01", 3600, "<+01>-1"));
    }

    private static string OsRelease() =>
        """
        PRETTY_NAME="Debian GNU/Linux 13 (trixie)"
        NAME="Debian GNU/Linux"
        VERSION_ID="13"
        VERSION="13 (trixie)"
        VERSION_CODENAME=trixie
        DEBIAN_VERSION_FULL=13.0
        ID=debian
        HOME_URL="https://www.debian.org/"

        """;

    private static byte[] PlaceholderLibrary(string soname) =>
        System.Text.Encoding.ASCII.GetBytes($"placeholder for {soname}, not an ELF object\n");
}
