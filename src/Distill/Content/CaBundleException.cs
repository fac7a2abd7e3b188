namespace Distill.Content;

/// <summary>A set of files from which the CA certificate bundle cannot be built.</summary>
public sealed class CaBundleException : DistillException
{
    public CaBundleException(string message)
        : base(message)
    {
    }
}
