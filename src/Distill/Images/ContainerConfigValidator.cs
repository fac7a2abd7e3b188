using System.Text.RegularExpressions;

namespace Distill.Images;

/// <summary>
/// Checks the values of a <see cref="ContainerConfig"/> against the OCI image config specification and
/// returns them in the form the JSON stores.
/// </summary>
internal static partial class ContainerConfigValidator
{
    private static readonly string[] Protocols = ["tcp", "udp", "sctp"];

    public static void ValidateEnv(IEnumerable<string> env)
    {
        foreach (var variable in env)
        {
            if (variable.IndexOf('=') <= 0)
            {
                throw new InvalidImageConfigException("Env entry", variable,
                    "an environment variable must have the form NAME=value with a non-empty NAME.");
            }
        }
    }

    /// <summary>Validates each port and adds "/tcp" to ports without a protocol.</summary>
    public static IEnumerable<string> NormalizeExposedPorts(IEnumerable<string> ports)
    {
        foreach (var port in ports)
        {
            var match = PortPattern().Match(port);
            var number = match.Success ? int.Parse(match.Groups["number"].Value) : 0;
            var protocol = match.Groups["protocol"].Success ? match.Groups["protocol"].Value : "tcp";
            if (number is < 1 or > 65535 || !Protocols.Contains(protocol))
            {
                throw new InvalidImageConfigException("exposed port", port,
                    "give a port number from 1 to 65535 with an optional '/tcp', '/udp' or '/sctp', "
                    + "such as '8080/tcp'.");
            }

            yield return $"{number}/{protocol}";
        }
    }

    public static void ValidateVolumes(IEnumerable<string> volumes)
    {
        foreach (var volume in volumes)
        {
            if (!volume.StartsWith('/'))
            {
                throw new InvalidImageConfigException("volume", volume,
                    "a volume must be an absolute path in the container, such as '/data'.");
            }
        }
    }

    public static void ValidateWorkingDir(string? workingDir)
    {
        if (!string.IsNullOrEmpty(workingDir) && !workingDir.StartsWith('/'))
        {
            throw new InvalidImageConfigException("WorkingDir", workingDir,
                "the working directory must be an absolute path in the container, such as '/app'.");
        }
    }

    [GeneratedRegex("^(?<number>[0-9]{1,5})(/(?<protocol>[a-z]+))?$")]
    private static partial Regex PortPattern();
}
