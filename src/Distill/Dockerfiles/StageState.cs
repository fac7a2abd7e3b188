namespace Distill.Dockerfiles;

/// <summary>
/// What the instructions of a stage have set so far: the image config that a later FROM of this stage
/// inherits (working directory, environment, entrypoint, shell) and the paths that COPY and ADD wrote.
/// </summary>
internal sealed class StageState
{
    public StageState(StageBase stageBase)
    {
        Base = stageBase;
        Workdir = stageBase.DefaultWorkdir;
    }

    public StageBase Base { get; }

    public string Workdir { get; set; }

    /// <summary>The line of the WORKDIR that set <see cref="Workdir"/>, or null for the base's default.</summary>
    public int? WorkdirLine { get; set; }

    public Dictionary<string, string> Environment { get; private init; } = [];

    /// <summary>Arguments in scope; ARG values do not pass from one stage to the next.</summary>
    public Dictionary<string, string?> Arguments { get; private init; } = [];

    /// <summary>The exec form of the last ENTRYPOINT, or null when none was written.</summary>
    public IReadOnlyList<string>? Entrypoint { get; set; }

    public int EntrypointLine { get; set; }

    public bool EntrypointIsExecForm { get; set; }

    /// <summary>The program and arguments of the last SHELL instruction, or null for /bin/sh -c.</summary>
    public IReadOnlyList<string>? Shell { get; set; }

    public int ShellLine { get; set; }

    /// <summary>The destinations of COPY and ADD, after variable expansion and against WORKDIR.</summary>
    public List<string> CopiedPaths { get; private init; } = [];

    /// <summary>Returns the state that a stage starting FROM this one begins with.</summary>
    public StageState Inherit() => new(Base)
    {
        Workdir = Workdir,
        WorkdirLine = WorkdirLine,
        Environment = new Dictionary<string, string>(Environment),
        Entrypoint = Entrypoint,
        EntrypointLine = EntrypointLine,
        EntrypointIsExecForm = EntrypointIsExecForm,
        Shell = Shell,
        ShellLine = ShellLine,
        CopiedPaths = [.. CopiedPaths],
    };

    public string? LookupVariable(string name) =>
        Environment.TryGetValue(name, out var value) ? value : Arguments.GetValueOrDefault(name);

    /// <summary>Returns a path made absolute against WORKDIR, with "." and ".." segments resolved.</summary>
    public string Resolve(string path)
    {
        var combined = path.StartsWith('/') ? path : $"{Workdir.TrimEnd('/')}/{path}";
        var segments = new List<string>();
        foreach (var segment in combined.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        var resolved = "/" + string.Join('/', segments);
        return path.EndsWith('/') && resolved != "/" ? resolved + "/" : resolved;
    }

    /// <summary>
    /// Whether COPY or ADD wrote this file, or into a directory that contains it (a destination ending in
    /// "/", or the directory itself).
    /// </summary>
    public bool Copied(string path) => CopiedPaths.Any(copied => copied == path || IsUnder(path, copied));

    private static bool IsUnder(string path, string directory)
    {
        var prefix = directory.EndsWith('/') ? directory : directory + "/";
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }
}
