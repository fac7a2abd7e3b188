using System.Text;

namespace Distill.Tests.Fixtures;

/// <summary>
/// Runs the host's apt-get and apt-cache against a private configuration in a temporary directory,
/// so that no list, cache, lock or status file of the host changes. APT_CONFIG points to a file that
/// sets every Dir:: path and an empty apt.conf.d, which apt reads before the host's, so the host's
/// apt.conf.d (such as hooks that clean /var/cache/apt) is never read.
/// </summary>
public sealed class AptSandbox : IDisposable
{
    private readonly TemporaryDirectory directory = new("distill-apt");
    private readonly List<string> sourceLines = [];

    public AptSandbox(string architecture = "amd64")
    {
        foreach (var path in new[]
        {
            "etc/apt.conf.d", "etc/sources.list.d", "etc/preferences.d", "etc/trusted.gpg.d",
            "state/lists/partial", "cache/archives/partial", "log", "download",
        })
        {
            Directory.CreateDirectory(directory.Combine(path));
        }

        File.WriteAllText(directory.Combine("state", "status"), "");
        File.WriteAllText(ConfigPath, CreateConfig(architecture));
    }

    public string RootDirectory => directory.Path;

    /// <summary>The directory where <see cref="Download"/> puts .deb files.</summary>
    public string DownloadDirectory => directory.Combine("download");

    private string ConfigPath => directory.Combine("etc", "apt.conf");

    /// <summary>
    /// Adds a one-line-style source, such as "deb [signed-by=/k.gpg] http://127.0.0.1:1/debian trixie main".
    /// </summary>
    public AptSandbox AddSource(string line)
    {
        sourceLines.Add(line);
        File.WriteAllText(directory.Combine("etc", "sources.list"), string.Join('\n', sourceLines) + "\n");
        return this;
    }

    /// <summary>
    /// Adds a "deb" source for a repository served at <paramref name="baseUri"/>, trusting <paramref
    /// name="keyring"/>.
    /// </summary>
    public AptSandbox AddSource(Uri baseUri, string suite, string keyring, string components = "main") =>
        AddSource($"deb [signed-by={keyring}] {baseUri.AbsoluteUri.TrimEnd('/')} {suite} {components}");

    public ToolResult Update() => Run("apt-get", "update");

    public ToolResult Download(params string[] packages) => Run("apt-get", ["download", .. packages]);

    /// <summary>Runs apt-get, apt-cache or another apt tool with the sandbox configuration.</summary>
    public ToolResult Run(string tool, params string[] arguments) =>
        ExternalTool.Run(tool, arguments, workingDirectory: DownloadDirectory,
            environment: new Dictionary<string, string> { ["APT_CONFIG"] = ConfigPath, ["LC_ALL"] = "C" },
            timeout: TimeSpan.FromMinutes(2));

    public void Dispose() => directory.Dispose();

    private string CreateConfig(string architecture)
    {
        var root = directory.Path;
        var config = new StringBuilder();
        config.Append("Dir::Etc::main \"/dev/null\";\n");
        config.Append($"Dir::Etc::parts \"{root}/etc/apt.conf.d\";\n");
        config.Append($"Dir::Etc::sourcelist \"{root}/etc/sources.list\";\n");
        config.Append($"Dir::Etc::sourceparts \"{root}/etc/sources.list.d\";\n");
        config.Append($"Dir::Etc::preferences \"{root}/etc/preferences\";\n");
        config.Append($"Dir::Etc::preferencesparts \"{root}/etc/preferences.d\";\n");
        config.Append($"Dir::Etc::trusted \"{root}/etc/trusted.gpg\";\n");
        config.Append($"Dir::Etc::trustedparts \"{root}/etc/trusted.gpg.d\";\n");
        config.Append($"Dir::State \"{root}/state\";\n");
        config.Append($"Dir::State::status \"{root}/state/status\";\n");
        config.Append($"Dir::Cache \"{root}/cache\";\n");
        config.Append($"Dir::Log \"{root}/log\";\n");
        config.Append($"APT::Architecture \"{architecture}\";\n");
        config.Append($"APT::Architectures {{ \"{architecture}\"; }};\n");
        config.Append("APT::Sandbox::User \"root\";\n");
        config.Append("Debug::NoLocking \"true\";\n");
        config.Append("Acquire::Languages \"none\";\n");
        config.Append("Acquire::Retries \"0\";\n");
        config.Append("Acquire::http::Timeout \"20\";\n");
        return config.ToString();
    }
}
