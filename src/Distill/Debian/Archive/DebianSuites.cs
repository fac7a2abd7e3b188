namespace Distill.Debian.Archive;

/// <summary>Recognises the suite names of Debian's own archives, to tell them from third-party repositories.</summary>
internal static class DebianSuites
{
    // NOTE: a release after duke (Debian 15) needs its codename added here.
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "stable", "oldstable", "oldoldstable", "testing", "unstable", "experimental", "sid",
        "buster", "bullseye", "bookworm", "trixie", "forky", "duke",
    };

    /// <summary>True for a Debian suite other than a security suite: "bookworm", "trixie-updates", "stable".</summary>
    public static bool IsRegular(string suite) =>
        !IsSecurity(suite) && Names.Contains(suite.Split('-')[0]);

    /// <summary>True for a security suite: "bookworm-security", or the older "buster/updates".</summary>
    public static bool IsSecurity(string suite)
    {
        if (suite.EndsWith("-security", StringComparison.Ordinal))
        {
            return Names.Contains(suite[..^"-security".Length]);
        }

        return suite.EndsWith("/updates", StringComparison.Ordinal) && Names.Contains(suite[..^"/updates".Length]);
    }
}
