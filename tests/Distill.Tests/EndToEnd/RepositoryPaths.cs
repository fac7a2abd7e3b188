namespace Distill.Tests.EndToEnd;

/// <summary>Paths of the repository the tests were built from, found by walking up from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The folder of acceptance checks: DISTILL_ACCEPTANCE_DIR when set, else shared/acceptance beside the
    /// repository, where the team keeps them read-only.
    /// </summary>
    public static string AcceptanceDirectory =>
        Environment.GetEnvironmentVariable("DISTILL_ACCEPTANCE_DIR") is { Length: > 0 } directory
            ? directory
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "acceptance"));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Distill.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Distill.slnx above {AppContext.BaseDirectory}");
    }
}
