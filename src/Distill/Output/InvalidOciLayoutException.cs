namespace Distill.Output;

/// <summary>An existing OCI layout whose oci-layout or index.json file cannot be read or updated.</summary>
public sealed class InvalidOciLayoutException : DistillException
{
    public InvalidOciLayoutException(string path, string reason)
        : base(Format(path, reason))
    {
        Path = path;
    }

    public InvalidOciLayoutException(string path, string reason, Exception innerException)
        : base(Format(path, reason), innerException)
    {
        Path = path;
    }

    public string Path { get; }

    private static string Format(string path, string reason) =>
        $"Invalid OCI layout file '{path}': {reason}. Repair or remove the layout directory, or write to a new one.";
}
