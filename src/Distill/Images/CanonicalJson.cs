using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Distill.Blobs;

namespace Distill.Images;

/// <summary>
/// Writes the JSON of configs, manifests and indexes in one canonical form, so equal content always has the
/// same digest: properties in a fixed order, no whitespace, null and empty optional values left out, and
/// maps sorted by key in ordinal order.
/// </summary>
internal static class CanonicalJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs <paramref name="write"/> on a new JSON writer and returns the UTF-8 bytes it wrote.</summary>
    public static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Formats a time as RFC 3339 in UTC, with a fraction of a second only when it is not zero.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static void WriteStringIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteStringArrayIfAny(Utf8JsonWriter writer, string name, IReadOnlyCollection<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    public static void WriteStringMapIfAny(
        Utf8JsonWriter writer,
        string name,
        IReadOnlyDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a set as an object that maps each key to "{}", the form of ExposedPorts and Volumes.</summary>
    public static void WriteSetIfAny(Utf8JsonWriter writer, string name, IEnumerable<string> keys)
    {
        var sortedKeys = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (sortedKeys.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var key in sortedKeys)
        {
            writer.WriteStartObject(key);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a descriptor object, with a platform and annotations when given.</summary>
    public static void WriteDescriptor(
        Utf8JsonWriter writer,
        Descriptor descriptor,
        Platform? platform = null,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        writer.WriteStartObject();
        writer.WriteString("mediaType", descriptor.MediaType);
        writer.WriteString("digest", descriptor.Digest.ToString());
        writer.WriteNumber("size", descriptor.Size);
        if (platform is not null)
        {
            writer.WritePropertyName("platform");
            WritePlatform(writer, platform);
        }

        WriteStringMapIfAny(writer, "annotations", annotations);
        writer.WriteEndObject();
    }

    public static void WritePlatform(Utf8JsonWriter writer, Platform platform)
    {
        writer.WriteStartObject();
        writer.WriteString("architecture", platform.Architecture);
        writer.WriteString("os", platform.Os);
        WriteStringIfPresent(writer, "variant", platform.Variant);
        writer.WriteEndObject();
    }
}
