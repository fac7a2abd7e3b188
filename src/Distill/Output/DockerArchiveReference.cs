namespace Distill.Output;

/// <summary>A docker-archive file, and the repository name and tag that "docker load" gives the image.</summary>
public sealed record DockerArchiveReference(string File, string? Name, string? Tag) : OutputReference
{
    public const string DefaultTag = "latest";

    public override string ToString() =>
        DockerArchivePrefix + File + (Name is null ? "" : ":" + Name + (Tag is null ? "" : ":" + Tag));

    /// <summary>
    /// Throws <see cref="InvalidOutputReferenceException"/> naming <paramref name="value"/> unless the name and
    /// tag follow the Docker reference format. A tag needs a name.
    /// </summary>
    internal static void Validate(string value, string? name, string? tag)
    {
        if (name is null)
        {
            if (tag is not null)
            {
                throw new InvalidOutputReferenceException(value, $"the tag '{tag}' has no repository name. "
                    + "Give NAME:TAG, such as 'app:1.0'.");
            }

            return;
        }

        if (name.Contains('@'))
        {
            throw new InvalidOutputReferenceException(value, "a docker archive records a name and tag, not a "
                + "digest. Remove the '@' part and give NAME:TAG.");
        }

        if (!ReferenceGrammar.IsValidDockerName(name))
        {
            throw new InvalidOutputReferenceException(value, $"the repository name '{name}' is invalid. A name is "
                + "lowercase letters, digits and separators, optionally after a registry host and port, such as "
                + "'example.com:5000/team/app'.");
        }

        if (tag is not null && !ReferenceGrammar.IsValidDockerTag(tag))
        {
            throw new InvalidOutputReferenceException(value, $"the tag '{tag}' is invalid. A tag has 1 to 128 "
                + "letters, digits, '_', '.' or '-' and does not start with '.' or '-'.");
        }
    }
}
