namespace Distill.Output;

/// <summary>
/// Where an image is written or read, parsed from "oci:DIR[:TAG]", "docker-archive:FILE[:NAME[:TAG]]" or
/// "docker://HOST[:PORT]/REPOSITORY[:TAG|@DIGEST]".
/// </summary>
public abstract record OutputReference
{
    public const string OciPrefix = "oci:";

    public const string DockerArchivePrefix = "docker-archive:";

    private const string Forms = "Use 'oci:DIR[:TAG]', 'docker-archive:FILE[:NAME[:TAG]]' or "
        + "'docker://HOST[:PORT]/REPOSITORY[:TAG]', such as 'oci:out:latest', "
        + "'docker-archive:image.tar:example.com:5000/app:1.0' or 'docker://registry.example/team/app:1.0'.";

    /// <summary>
    /// Parses an output reference. DIR and FILE end at the first ":". NAME may contain a registry host with a
    /// port, so the TAG of a docker archive is split off at the last ":" after the last "/", and defaults to
    /// "latest". Throws <see cref="InvalidOutputReferenceException"/> naming the value for anything else.
    /// </summary>
    public static OutputReference Parse(string value)
    {
        if (value.StartsWith(OciPrefix, StringComparison.Ordinal))
        {
            return ParseOci(value, value[OciPrefix.Length..]);
        }

        if (value.StartsWith(DockerArchivePrefix, StringComparison.Ordinal))
        {
            return ParseDockerArchive(value, value[DockerArchivePrefix.Length..]);
        }

        if (value.StartsWith(Registry.RegistryReference.Prefix, StringComparison.Ordinal))
        {
            return Registry.RegistryReference.Parse(value);
        }

        throw new InvalidOutputReferenceException(value, $"the transport is not supported. {Forms}");
    }

    private static OciLayoutReference ParseOci(string value, string rest)
    {
        var (directory, tag) = SplitAtFirstColon(rest);
        if (directory.Length == 0)
        {
            throw new InvalidOutputReferenceException(value, $"the directory is missing. {Forms}");
        }

        if (tag is not null && !ReferenceGrammar.IsValidOciRefName(tag))
        {
            throw new InvalidOutputReferenceException(value, $"the tag '{tag}' is invalid. An OCI layout tag is "
                + "made of letters and digits separated by one of '-._:@+', '--' or '/', such as 'latest' or '1.0'.");
        }

        return new OciLayoutReference(directory, tag);
    }

    private static DockerArchiveReference ParseDockerArchive(string value, string rest)
    {
        var (file, reference) = SplitAtFirstColon(rest);
        if (file.Length == 0)
        {
            throw new InvalidOutputReferenceException(value, $"the file is missing. {Forms}");
        }

        if (reference is null)
        {
            return new DockerArchiveReference(file, null, null);
        }

        var (name, tag) = SplitNameAndTag(reference);
        DockerArchiveReference.Validate(value, name, tag);
        return new DockerArchiveReference(file, name, tag);
    }

    private static (string Head, string? Tail) SplitAtFirstColon(string text)
    {
        var colon = text.IndexOf(':');
        return colon < 0 ? (text, null) : (text[..colon], text[(colon + 1)..]);
    }

    /// <summary>
    /// Splits "NAME:TAG" at the last ":" that follows the last "/", because a ":" before a "/" separates a
    /// registry host from its port. A reference without a tag gets "latest".
    /// </summary>
    private static (string Name, string Tag) SplitNameAndTag(string reference)
    {
        var colon = reference.LastIndexOf(':');
        var slash = reference.LastIndexOf('/');
        return colon > slash
            ? (reference[..colon], reference[(colon + 1)..])
            : (reference, DockerArchiveReference.DefaultTag);
    }
}

/// <summary>An OCI image layout directory, and the tag to record in its index.json.</summary>
public sealed record OciLayoutReference(string Directory, string? Tag) : OutputReference
{
    public override string ToString() => OciPrefix + Directory + (Tag is null ? "" : ":" + Tag);
}
