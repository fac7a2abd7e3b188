namespace Distill.Tests.Fixtures;

/// <summary>Creates zone files in the TZif format of RFC 8536, for tzdata-like packages.</summary>
public static class TimeZoneFiles
{
    /// <summary>
    /// Creates a version 2 TZif file for a zone with no transitions and one local time type: a fixed
    /// offset from UTC, an abbreviation such as "UTC", and the POSIX TZ string of the footer.
    /// </summary>
    public static byte[] CreateFixedOffset(string abbreviation, int utcOffsetSeconds, string posixTz)
    {
        var designations = System.Text.Encoding.ASCII.GetBytes(abbreviation + "\0");
        using var output = new MemoryStream();
        for (var block = 0; block < 2; block++)
        {
            output.Write("TZif2"u8);
            output.Write(new byte[15]);
            foreach (var count in new[] { 0, 0, 0, 0, 1, designations.Length })
            {
                WriteBigEndian(output, count);
            }

            WriteBigEndian(output, utcOffsetSeconds);
            output.WriteByte(0); // tt_isdst
            output.WriteByte(0); // tt_desigidx
            output.Write(designations);
        }

        output.Write(System.Text.Encoding.ASCII.GetBytes($"\n{posixTz}\n"));
        return output.ToArray();
    }

    private static void WriteBigEndian(Stream output, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        output.Write(bytes);
    }
}
