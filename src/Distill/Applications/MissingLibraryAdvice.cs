namespace Distill.Applications;

/// <summary>Names the image of the distroless family that contains a shared library, by its soname.</summary>
internal static class MissingLibraryAdvice
{
    /// <summary>
    /// Soname prefixes of the libraries each image adds over the one below it: glibc in base-nossl (libc6),
    /// OpenSSL in base (libssl3 or libssl3t64), and the GCC runtime libraries in cc (libstdc++6, libgcc-s1,
    /// libgomp1).
    /// </summary>
    private static readonly (string Prefix, string Image, string Package)[] Owners =
    [
        ("libc.so.", "base-nossl", "libc6"),
        ("libm.so.", "base-nossl", "libc6"),
        ("libpthread.so.", "base-nossl", "libc6"),
        ("libdl.so.", "base-nossl", "libc6"),
        ("librt.so.", "base-nossl", "libc6"),
        ("libresolv.so.", "base-nossl", "libc6"),
        ("ld-linux", "base-nossl", "libc6"),
        ("libssl.so.", "base", "libssl3"),
        ("libcrypto.so.", "base", "libssl3"),
        ("libstdc++.so.", "cc", "libstdc++6"),
        ("libgcc_s.so.", "cc", "libgcc-s1"),
        ("libgomp.so.", "cc", "libgomp1"),
    ];

    public static string For(string soname)
    {
        foreach (var (prefix, image, package) in Owners)
        {
            if (soname.StartsWith(prefix, StringComparison.Ordinal))
            {
                return $"Build on {image}, which has {package}, or add the library with --add";
            }
        }

        return "No image of the distroless family has it: add the library with --add, in a directory of the "
            + "program's RUNPATH, of LD_LIBRARY_PATH (--env) or /usr/lib";
    }
}
