using System.Text.Json;
using Distill.Copying;

namespace Distill.Diffing;

/// <summary>The fields of an image config that `distill diff` compares.</summary>
public sealed record ImageConfigDetails(
    string Os,
    string Architecture,
    string? Variant,
    string? User,
    IReadOnlyList<string> Env,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    string? WorkingDir,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> ExposedPorts)
{
    /// <summary>Parses an image config; throws <see cref="InvalidManifestException"/> naming the source.</summary>
    public static ImageConfigDetails Parse(byte[] content, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            var container = root.TryGetProperty("config", out var value) && value.ValueKind == JsonValueKind.Object
                ? value
                : default;
            return new ImageConfigDetails(
                GetString(root, "os") ?? "",
                GetString(root, "architecture") ?? "",
                GetString(root, "variant"),
                GetString(container, "User"),
                GetStrings(container, "Env"),
                GetStrings(container, "Entrypoint"),
                GetStrings(container, "Cmd"),
                GetString(container, "WorkingDir"),
                GetObject(container, "Labels")
                    .ToDictionary(property => property.Name, property => property.Value.GetString() ?? ""),
                GetObject(container, "ExposedPorts").Select(property => property.Name).Order(StringComparer.Ordinal)
                    .ToList());
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
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

    private static IEnumerable<JsonProperty> GetObject(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().ToList()
            : [];
}
