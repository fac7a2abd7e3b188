namespace Distill.Elf;

/// <summary>
/// Maps ELF header fields to Debian architectures, and Debian architectures to the values that glibc's
/// dynamic loader uses for them in Debian: the multiarch triplet, $LIB and $PLATFORM.
/// </summary>
public static class ElfArchitecture
{
    private static readonly Dictionary<string, string> Triplets = new(StringComparer.Ordinal)
    {
        ["amd64"] = "x86_64-linux-gnu",
        ["arm64"] = "aarch64-linux-gnu",
        ["i386"] = "i386-linux-gnu",
        ["armhf"] = "arm-linux-gnueabihf",
        ["armel"] = "arm-linux-gnueabi",
        ["ppc64el"] = "powerpc64le-linux-gnu",
        ["ppc64"] = "powerpc64-linux-gnu",
        ["s390x"] = "s390x-linux-gnu",
        ["riscv64"] = "riscv64-linux-gnu",
        ["x32"] = "x86_64-linux-gnux32",
    };

    /// <summary>
    /// AT_PLATFORM as the Linux kernel passes it to 64-bit x86 and arm64 programs, and to i386 programs on
    /// a 64-bit x86 kernel. Other architectures report a CPU model ("power9", "z15"), so no single value holds.
    /// </summary>
    private static readonly Dictionary<string, string> Platforms = new(StringComparer.Ordinal)
    {
        ["amd64"] = "x86_64",
        ["arm64"] = "aarch64",
        ["i386"] = "i686",
    };

    /// <summary>
    /// Returns the Debian architecture of an ELF file from e_machine, the class, the data encoding and, for
    /// ARM, the float ABI in e_flags. Returns null for a machine that Debian does not build for.
    /// </summary>
    public static string? ToDebianArchitecture(ushort machine, ElfClass elfClass, ElfData data, uint flags)
    {
        var is64 = elfClass == ElfClass.Elf64;
        var isLittle = data == ElfData.LittleEndian;
        return machine switch
        {
            ElfConstants.EmX86_64 => is64 ? "amd64" : "x32",
            ElfConstants.EmAarch64 when is64 && isLittle => "arm64",
            ElfConstants.EmI386 when !is64 => "i386",
            ElfConstants.EmArm when !is64 && isLittle =>
                (flags & ElfConstants.EfArmAbiFloatHard) != 0 ? "armhf" : "armel",
            ElfConstants.EmPpc64 when is64 => isLittle ? "ppc64el" : "ppc64",
            ElfConstants.EmS390 when is64 => "s390x",
            ElfConstants.EmRiscv when is64 && isLittle => "riscv64",
            _ => null,
        };
    }

    /// <summary>Returns the multiarch triplet of a Debian architecture ("x86_64-linux-gnu"), or null.</summary>
    public static string? MultiarchTriplet(string debianArchitecture) =>
        Triplets.GetValueOrDefault(debianArchitecture);

    /// <summary>
    /// Returns what $LIB expands to: Debian builds glibc so that it is "lib/TRIPLET". LD_DEBUG=libs showed
    /// "lib/x86_64-linux-gnu" with Debian 12's glibc 2.36 on amd64.
    /// </summary>
    public static string? LibToken(string debianArchitecture) =>
        MultiarchTriplet(debianArchitecture) is { } triplet ? "lib/" + triplet : null;

    /// <summary>Returns what $PLATFORM expands to, or null where it depends on the CPU.</summary>
    public static string? PlatformToken(string debianArchitecture) =>
        Platforms.GetValueOrDefault(debianArchitecture);
}
