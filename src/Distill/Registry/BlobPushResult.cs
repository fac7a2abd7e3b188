namespace Distill.Registry;

/// <summary>How a blob came to be in the target repository.</summary>
public enum BlobPushResult
{
    /// <summary>The repository had the blob already.</summary>
    AlreadyPresent,

    /// <summary>The registry linked the blob from another repository of the same registry.</summary>
    Mounted,

    /// <summary>The blob's bytes were uploaded.</summary>
    Uploaded,
}
