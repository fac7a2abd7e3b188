using Distill.Blobs;
using Distill.Output;

namespace Distill.Registry;

/// <summary>
/// An image in a registry, parsed from "docker://HOST[:PORT]/REPOSITORY[:TAG|@DIGEST]". The host is always
/// explicit: Distill has no default registry, so a reference without a host is rejected.
/// </summary>
public sealed record RegistryReference(string Host, string Repository, string? Tag, Digest? Digest) : OutputReference
{
    public const string Prefix = "docker://";

    public const string DefaultTag = "latest";

    /// <summary>The tag or digest that names the manifest in the registry's URLs.</summary>
    public string ManifestReference => Digest?.ToString() ?? Tag ?? DefaultTag;

    /// <summary>Returns a reference to the same repository that names <paramref name="digest"/> instead of a tag.</summary>
    public RegistryReference WithDigest(Digest digest) => this with { Tag = null, Digest = digest };

    public override string ToString()
    {
        var name = Prefix + Host + "/" + Repository;
        if (Digest is { } digest)
        {
            return name + "@" + digest;
        }

        return Tag is null ? name : name + ":" + Tag;
    }

    /// <summary>
    /// Parses a "docker://" reference. The first path component is the host, and it must look like one: it
    /// contains a "." or a ":", or is "localhost". A reference without a tag or digest means the tag "latest".
    /// Throws <see cref="InvalidOutputReferenceException"/> naming the value for anything else.
    /// </summary>
    public static new RegistryReference Parse(string value)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new InvalidOutputReferenceException(value, $"a registry reference starts with '{Prefix}'.");
        }

        var rest = value[Prefix.Length..];
        var slash = rest.IndexOf('/');
        if (slash <= 0 || !LooksLikeHost(rest[..slash]))
        {
            throw new InvalidOutputReferenceException(value, "the registry host is missing. Distill has no default "
                + "registry, so name the host, such as 'docker://registry.example/team/app:1.0' or "
                + "'docker://127.0.0.1:5000/app:1.0'.");
        }

        var host = rest[..slash];
        var (repository, tag, digest) = SplitRepository(value, rest[(slash + 1)..]);
        if (!ReferenceGrammar.IsValidDockerName(repository) || repository.Length == 0)
        {
            throw new InvalidOutputReferenceException(value, $"the repository name '{repository}' is invalid. A "
                + "repository is lowercase letters, digits and separators in components joined by '/', such as "
                + "'team/app'.");
        }

        if (tag is not null && !ReferenceGrammar.IsValidDockerTag(tag))
        {
            throw new InvalidOutputReferenceException(value, $"the tag '{tag}' is invalid. A tag has 1 to 128 "
                + "letters, digits, '_', '.' or '-' and does not start with '.' or '-'.");
        }

        return new RegistryReference(host, repository, tag ?? (digest is null ? DefaultTag : null), digest);
    }

    private static bool LooksLikeHost(string component) =>
        component.Contains('.') || component.Contains(':') || component == "localhost"
        || component.StartsWith('[');

    /// <summary>Splits "REPOSITORY[:TAG][@DIGEST]"; a digest wins over a tag given beside it.</summary>
    private static (string Repository, string? Tag, Digest? Digest) SplitRepository(string value, string path)
    {
        Digest? digest = null;
        var at = path.IndexOf('@');
        if (at >= 0)
        {
            try
            {
                digest = Blobs.Digest.Parse(path[(at + 1)..]);
            }
            catch (InvalidDigestException error)
            {
                throw new InvalidOutputReferenceException(value, $"the digest is invalid: {error.Message}");
            }

            path = path[..at];
        }

        var colon = path.LastIndexOf(':');
        var tag = colon >= 0 ? path[(colon + 1)..] : null;
        var repository = colon >= 0 ? path[..colon] : path;
        return (repository, digest is null ? tag : null, digest);
    }
}
