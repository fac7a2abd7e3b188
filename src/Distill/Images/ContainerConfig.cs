namespace Distill.Images;

/// <summary>
/// The "config" object of an OCI image config: how a container of the image runs. Null and empty values are
/// left out of the JSON.
/// </summary>
public sealed record ContainerConfig
{
    /// <summary>The user, as "name", "uid", "name:group" or "uid:gid".</summary>
    public string? User { get; init; }

    /// <summary>Environment variables as "NAME=value", in order.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    public IReadOnlyList<string> Cmd { get; init; } = [];

    public string? WorkingDir { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Ports as "port/protocol" ("8080/tcp", "53/udp"). A port without a protocol means TCP.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    /// <summary>Absolute paths of the directories that a container mounts as volumes.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>The signal that stops a container, such as "SIGTERM".</summary>
    public string? StopSignal { get; init; }
}
