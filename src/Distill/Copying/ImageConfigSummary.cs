using System.Text.Json;
using Distill.Blobs;
using Distill.Images;

namespace Distill.Copying;

/// <summary>The fields of a stored image config that copying and inspecting read.</summary>
public sealed record ImageConfigSummary(
    Platform Platform,
    DateTimeOffset Created,
    IReadOnlyList<Digest> DiffIds,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    string? User)
{
    /// <summary>The largest image config Distill reads.</summary>
    public const int MaxSize = 4 * 1024 * 1024;

    public static ImageConfigSummary Read(BlobStore store, Descriptor config) =>
        Parse(File.ReadAllBytes(store.GetExistingPath(config.Digest)), config.Digest.ToString());

    public static ImageConfigSummary Parse(byte[] content, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            var platform = new Platform(GetString(root, "os") ?? "", GetString(root, "architecture") ?? "",
                GetString(root, "variant"));
            var created = GetString(root, "created") is { } text && DateTimeOffset.TryParse(text, out var time)
                ? time
                : DateTimeOffset.UnixEpoch;
            var diffIds = root.TryGetProperty("rootfs", out var rootfs) && rootfs.TryGetProperty("diff_ids", out var ids)
                ? ids.EnumerateArray().Select(id => Digest.Parse(id.GetString() ?? "")).ToList()
                : [];
            var container = root.TryGetProperty("config", out var value) && value.ValueKind == JsonValueKind.Object
                ? value
                : default;
            return new ImageConfigSummary(platform, created, diffIds, GetStrings(container, "Entrypoint"),
                GetStrings(container, "Cmd"), GetString(container, "User"));
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or InvalidDigestException)
        {
            throw new InvalidManifestException(source, $"the image config is invalid ({error.Message})");
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static IReadOnlyList<string> GetStrings(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.GetString() ?? "").ToList()
            : [];
}
