namespace Distill.Dockerfiles;

/// <summary>A here-document opener such as &lt;&lt;EOF, &lt;&lt;-EOF or &lt;&lt;"EOF".</summary>
internal sealed record HeredocMarker(string Name, bool Quoted, bool StripTabs);

/// <summary>
/// Finds the here-document openers in an instruction's arguments, skipping text inside quotes and the
/// here-string operator &lt;&lt;&lt;.
/// </summary>
internal static class HeredocMarkers
{
    public static List<HeredocMarker> Find(string text)
    {
        var markers = new List<HeredocMarker>();
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else if (c == '\\' && quote == '"')
                {
                    i++;
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '\\')
            {
                i++;
            }
            else if (c == '<' && At(text, i, "<<<"))
            {
                i += 2;
            }
            else if (c == '<' && At(text, i, "<<") && TryRead(text, i + 2, out var marker, out var end))
            {
                markers.Add(marker);
                i = end - 1;
            }
        }

        return markers;
    }

    private static bool At(string text, int index, string value) =>
        string.CompareOrdinal(text, index, value, 0, value.Length) == 0;

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    private static bool TryRead(string text, int start, out HeredocMarker marker, out int end)
    {
        marker = null!;
        end = start;
        var stripTabs = start < text.Length && text[start] == '-';
        var position = stripTabs ? start + 1 : start;
        if (position < text.Length && text[position] is '\'' or '"')
        {
            var close = text.IndexOf(text[position], position + 1);
            if (close <= position + 1)
            {
                return false;
            }

            marker = new HeredocMarker(text[(position + 1)..close], true, stripTabs);
            end = close + 1;
            return true;
        }

        var nameEnd = position;
        while (nameEnd < text.Length && IsNameCharacter(text[nameEnd]))
        {
            nameEnd++;
        }

        if (nameEnd == position || char.IsAsciiDigit(text[position]))
        {
            return false;
        }

        marker = new HeredocMarker(text[position..nameEnd], false, stripTabs);
        end = nameEnd;
        return true;
    }
}
