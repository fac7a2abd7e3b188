namespace Distill.Applications;

/// <summary>
/// An application to put on top of a base image: the host files, inline files, directories and symbolic
/// links of its layer, the container settings that replace or extend the base's, and the manifest
/// annotations. Null values keep the base's setting.
/// </summary>
public sealed record ApplicationSpec
{
    public IReadOnlyList<AddedPath> Added { get; init; } = [];

    public IReadOnlyList<InlineFile> InlineFiles { get; init; } = [];

    public IReadOnlyList<AddedDirectory> Directories { get; init; } = [];

    public IReadOnlyList<AddedSymlink> Symlinks { get; init; } = [];

    /// <summary>Users added to the base's /etc/passwd.</summary>
    public IReadOnlyList<Content.UserAccount> Users { get; init; } = [];

    /// <summary>Groups added to the base's /etc/group.</summary>
    public IReadOnlyList<Content.GroupAccount> Groups { get; init; } = [];

    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>"NAME=value" entries; a NAME the base sets gets the new value in its place.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    public string? WorkingDir { get; init; }

    public string? User { get; init; }

    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Volumes { get; init; } = [];

    public string? StopSignal { get; init; }

    /// <summary>Whether failed checks of the program are logged as warnings instead of stopping the build.</summary>
    public bool SkipChecks { get; init; }

    /// <summary>Whether the spec changes nothing, so the base image is the result.</summary>
    public bool IsEmpty =>
        Added.Count == 0 && InlineFiles.Count == 0 && Directories.Count == 0 && Symlinks.Count == 0
        && Users.Count == 0 && Groups.Count == 0
        && Entrypoint is null && Cmd is null && Env.Count == 0 && WorkingDir is null
        && User is null && ExposedPorts.Count == 0 && Labels.Count == 0 && Annotations.Count == 0
        && Volumes.Count == 0 && StopSignal is null;
}
