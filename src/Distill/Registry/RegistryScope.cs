namespace Distill.Registry;

/// <summary>
/// The token scopes a request needs, such as "repository:team/app:pull,push". A cross-repository mount
/// needs the pull scope of the source repository as well.
/// </summary>
public sealed record RegistryScope(IReadOnlyList<string> Scopes)
{
    /// <summary>The cache key of the token for these scopes.</summary>
    public string Key => string.Join(' ', Scopes);

    public static RegistryScope Pull(string repository) => new([$"repository:{repository}:pull"]);

    public static RegistryScope Push(string repository) => new([$"repository:{repository}:pull,push"]);

    /// <summary>The scopes of a push that mounts blobs from <paramref name="sourceRepository"/>.</summary>
    public static RegistryScope PushWithMount(string repository, string sourceRepository) =>
        new([$"repository:{repository}:pull,push", $"repository:{sourceRepository}:pull"]);
}
