using System.Text.RegularExpressions;

namespace Distill.Output;

/// <summary>
/// The grammars of image names and tags: the OCI image layout's "org.opencontainers.image.ref.name" and the
/// repository names and tags of the Docker reference format (distribution/reference).
/// </summary>
internal static partial class ReferenceGrammar
{
    /// <summary>The maximum length of a Docker repository name, including its registry host.</summary>
    private const int MaxNameLength = 255;

    /// <summary>Returns whether the value matches the OCI image layout grammar of a ref name.</summary>
    public static bool IsValidOciRefName(string value) => OciRefNamePattern().IsMatch(value);

    /// <summary>
    /// Returns whether the value is a Docker repository name: an optional registry host with an optional
    /// port, then lowercase path components separated by "/".
    /// </summary>
    public static bool IsValidDockerName(string value) =>
        value.Length <= MaxNameLength && DockerNamePattern().IsMatch(value);

    public static bool IsValidDockerTag(string value) => DockerTagPattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9]+((?:[-._:@+]|--)[A-Za-z0-9]+)*(/[A-Za-z0-9]+((?:[-._:@+]|--)[A-Za-z0-9]+)*)*$")]
    private static partial Regex OciRefNamePattern();

    [GeneratedRegex(
        @"^((?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
        + @"(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
        + @"(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex DockerNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex DockerTagPattern();
}
