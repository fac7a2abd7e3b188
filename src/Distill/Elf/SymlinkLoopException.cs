namespace Distill.Elf;

/// <summary>A path whose lookup follows more symbolic links than Linux allows, normally because of a loop.</summary>
public sealed class SymlinkLoopException : DistillException
{
    public SymlinkLoopException(string path, IReadOnlyList<string> links)
        : base($"cannot resolve '{path}' in the image: it follows more than {ImageFileSystemLimits.MaxSymlinks} " +
            $"symbolic links, which is a loop or too deep a chain ({string.Join(", ", links)}). " +
            "Fix the symbolic links in the layers so that they end at a file.")
    {
        Path = path;
        Links = links;
    }

    public string Path { get; }

    /// <summary>The distinct links followed, each as "/link -> target", in the order first followed.</summary>
    public IReadOnlyList<string> Links { get; }
}
