using Distill.Tests.Layers;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Runs the host programs that end-to-end tests judge images with, and fails a test that needs a missing one
/// with the name of the Debian package that installs it.
/// </summary>
public static class HostTool
{
    private static readonly Dictionary<string, string> DebianPackages = new()
    {
        ["skopeo"] = "skopeo",
        ["umoci"] = "umoci",
        ["runc"] = "runc",
        ["podman"] = "podman",
        ["jq"] = "jq",
        ["gcc"] = "gcc",
        ["g++"] = "g++",
        ["chattr"] = "e2fsprogs",
    };

    /// <summary>Fails the test unless <paramref name="program"/> is an executable file on PATH.</summary>
    public static void Require(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var directories = path.Split(':', StringSplitOptions.RemoveEmptyEntries);
        var found = directories.Any(directory => File.Exists(Path.Combine(directory, program)));
        var package = DebianPackages.GetValueOrDefault(program, program);
        Assert.True(found, $"{program} is not on PATH: install the Debian package {package}");
    }

    /// <summary>Runs a program that must be installed, and returns its exit code and output unchecked.</summary>
    public static ExternalTool.Result Run(string program, params string[] arguments)
    {
        Require(program);
        return ExternalTool.Run(program, arguments);
    }

    /// <summary>Runs a program that must be installed, fails the test unless it exits with 0, and returns its
    /// standard output.</summary>
    public static string RunChecked(string program, params string[] arguments)
    {
        Require(program);
        return ExternalTool.RunChecked(program, arguments);
    }
}
