using System.Net.Http.Headers;

namespace Distill.Registry;

/// <summary>
/// A WWW-Authenticate challenge of a registry: the scheme ("Basic" or "Bearer") and its parameters, such as
/// the token server's "realm", "service" and "scope".
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Returns the first Bearer or Basic challenge of a response, or null when it has neither.</summary>
    public static AuthChallenge? FromResponse(HttpResponseMessage response)
    {
        var challenges = response.Headers.WwwAuthenticate.Select(Parse).ToList();
        return challenges.FirstOrDefault(challenge => challenge.IsBearer)
            ?? challenges.FirstOrDefault(challenge => challenge.IsBasic);
    }

    public static AuthChallenge Parse(AuthenticationHeaderValue header) =>
        new(header.Scheme, ParseParameters(header.Parameter ?? ""));

    /// <summary>
    /// Parses comma-separated NAME=VALUE pairs, where a VALUE in double quotes may contain commas and
    /// backslash-escaped characters. Names are case-insensitive.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseParameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        while (position < text.Length)
        {
            while (position < text.Length && (text[position] == ',' || char.IsWhiteSpace(text[position])))
            {
                position++;
            }

            var equals = text.IndexOf('=', position);
            if (equals < 0)
            {
                break;
            }

            var name = text[position..equals].Trim();
            position = equals + 1;
            var value = position < text.Length && text[position] == '"'
                ? ReadQuoted(text, ref position)
                : ReadToken(text, ref position);
            parameters[name] = value;
        }

        return parameters;
    }

    private static string ReadQuoted(string text, ref int position)
    {
        var value = new System.Text.StringBuilder();
        position++;
        while (position < text.Length && text[position] != '"')
        {
            if (text[position] == '\\' && position + 1 < text.Length)
            {
                position++;
            }

            value.Append(text[position]);
            position++;
        }

        position++;
        return value.ToString();
    }

    private static string ReadToken(string text, ref int position)
    {
        var comma = text.IndexOf(',', position);
        var end = comma < 0 ? text.Length : comma;
        var value = text[position..end].Trim();
        position = end;
        return value;
    }
}
