using Distill.Blobs;
using Distill.Registry;

namespace Distill.Copying;

/// <summary>Where <see cref="ImageCopier"/> reads an image from: its manifests, then its blobs one by one.</summary>
public interface IImageSource
{
    /// <summary>The source as the user named it, for messages.</summary>
    string Name { get; }

    /// <summary>The registry repository of the source, from which a push to the same host may mount blobs.</summary>
    RegistryReference? Registry { get; }

    Task<ImageContent> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Opens a config or layer blob for reading; the reader checks its digest.</summary>
    Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken);
}
