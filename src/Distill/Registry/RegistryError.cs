using System.Text.Json;

namespace Distill.Registry;

/// <summary>The first error of a registry's JSON error body: {"errors": [{"code": ..., "message": ...}]}.</summary>
public sealed record RegistryError(string Code, string Message)
{
    private const int MaxBodyLength = 64 * 1024;

    public override string ToString() => Message.Length == 0 ? Code : $"{Code}: {Message}";

    /// <summary>Reads the error body of a response, or returns null when it has none or it is not JSON.</summary>
    public static async Task<RegistryError?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return bytes.Length is 0 or > MaxBodyLength ? null : Parse(bytes);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public static RegistryError? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array
                || errors.GetArrayLength() == 0)
            {
                return null;
            }

            var first = errors[0];
            return new RegistryError(ReadString(first, "code"), ReadString(first, "message"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
}
