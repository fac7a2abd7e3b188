using System.Text.Encodings.Web;
using System.Text.Json;

namespace Distill.Sbom;

/// <summary>JSON settings that both writers share, so their output is byte-for-byte reproducible.</summary>
internal static class SbomJson
{
    /// <summary>
    /// Indented with two spaces and "\n" line ends on every platform. The relaxed encoder leaves '+' and
    /// '&lt;' unescaped, which is safe because these documents are never embedded in HTML.
    /// </summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Returns the UTF-8 output of <paramref name="write"/> with a final newline.</summary>
    public static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
