using Distill.Debian.Archive;

namespace Distill.Building;

/// <summary>
/// What to build: one base image of the distroless family, for one or more Debian architectures. File times
/// in layers are clamped to <see cref="Created"/> when <see cref="ClampTimes"/> is set (SOURCE_DATE_EPOCH).
/// </summary>
public sealed record ImageRequest(
    BaseImage Image,
    DebianDistro Distro,
    IReadOnlyList<string> Architectures,
    bool Nonroot,
    bool Debug,
    DateTimeOffset Created,
    bool ClampTimes)
{
    /// <summary>
    /// Packages to add above the base's layers with their dependencies, as "name" or "name=version".
    /// </summary>
    public IReadOnlyList<string> AddedPackages { get; init; } = [];

    /// <summary>Package names that resolving <see cref="AddedPackages"/> must never add.</summary>
    public IReadOnlyList<string> ExcludedPackages { get; init; } = [];

    /// <summary>
    /// Returns the creation time of reproducible builds: SOURCE_DATE_EPOCH when the environment sets it,
    /// else the Unix epoch, so that the time of a build never changes a digest.
    /// </summary>
    public static DateTimeOffset CreatedFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrEmpty(value))
        {
            return DateTimeOffset.UnixEpoch;
        }

        if (!long.TryParse(value, out var seconds) || seconds < 0)
        {
            throw new DistillException(
                $"invalid SOURCE_DATE_EPOCH '{value}': it must be a whole number of seconds since 1970-01-01 UTC");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    /// <summary>Returns whether SOURCE_DATE_EPOCH is set, so that file times are clamped to it.</summary>
    public static bool ClampTimesFromEnvironment() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));

    /// <summary>Returns a short name for logs: "cc:nonroot (debug) for debian13".</summary>
    public string Describe() =>
        BaseImageCatalog.NameOf(Image) + (Nonroot ? ":nonroot" : "") + (Debug ? " (debug)" : "")
        + $" for {Distro.Name}";
}
