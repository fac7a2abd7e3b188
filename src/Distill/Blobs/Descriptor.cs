namespace Distill.Blobs;

/// <summary>An OCI content descriptor: the media type, digest and size in bytes of one blob.</summary>
public sealed record Descriptor(string MediaType, Digest Digest, long Size);
