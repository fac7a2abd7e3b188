using Distill.Blobs;

namespace Distill.Registry;

/// <summary>A manifest or index as a registry returned it: its exact bytes, media type and digest.</summary>
public sealed record RegistryManifest(byte[] Content, string MediaType, Digest Digest)
{
    public Descriptor Descriptor => new(MediaType, Digest, Content.Length);

    /// <summary>
    /// Reads at most <see cref="RegistryClient.MaxManifestSize"/> bytes of the response and checks the digest
    /// against a digest reference, and against Docker-Content-Digest when the registry sent it.
    /// </summary>
    internal static async Task<RegistryManifest> ReadAsync(
        HttpResponseMessage response, RegistryReference reference, CancellationToken cancellationToken)
    {
        var length = response.Content.Headers.ContentLength;
        if (length > RegistryClient.MaxManifestSize)
        {
            throw TooLarge(reference);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > RegistryClient.MaxManifestSize)
            {
                throw TooLarge(reference);
            }
        }

        var content = buffer.ToArray();
        var digest = Digest.Compute(content);
        var expected = reference.Digest?.ToString()
            ?? (response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null);
        if (expected is not null && expected != digest.ToString())
        {
            throw new RegistryException(reference.ToString(), response.StatusCode, null, $"The manifest's content "
                + $"has the digest {digest}, not {expected}. The registry or a proxy changed it; try again, or "
                + "report it to the registry's operator.");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        return new RegistryManifest(content, mediaType, digest);
    }

    private static RegistryException TooLarge(RegistryReference reference) =>
        new(reference.ToString(), null, null, $"The manifest is larger than {RegistryClient.MaxManifestSize} "
            + "bytes, the limit Distill reads. Check that the reference names an image.");
}
