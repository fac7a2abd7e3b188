using System.Net;
using System.Net.Http.Headers;
using Distill.Blobs;

namespace Distill.Registry;

public sealed partial class RegistryClient
{
    /// <summary>
    /// Reads the referrers of <paramref name="subject"/> from the referrers API ("GET /v2/NAME/referrers/DIGEST"
    /// of the OCI distribution specification 1.1), an image index of the manifests whose subject it is. Returns
    /// null when the registry returns 404. That specification forbids a 404 from registries that support the
    /// API, so the caller falls back to the tag schema.
    /// </summary>
    public Task<byte[]?> GetReferrersAsync(
        RegistryReference reference, Digest subject, CancellationToken cancellationToken) =>
        Retry.RunAsync("Referrers listing", reference.ToString(), async () =>
        {
            var connection = Connect(reference);
            var url = connection.GetUrl($"{reference.Repository}/referrers/{subject}");
            using var response = await connection.SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Blobs.MediaTypes.ImageIndex));
                return request;
            }, RegistryScope.Pull(reference.Repository), reference.ToString(), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await EnsureSuccessAsync(response, reference, "the referrers listing", cancellationToken);
            var index = await RegistryManifest.ReadAsync(response, reference with { Digest = null }, cancellationToken);
            return index.Content;
        }, cancellationToken);
}
