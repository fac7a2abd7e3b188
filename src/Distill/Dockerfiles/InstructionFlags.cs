namespace Distill.Dockerfiles;

/// <summary>
/// The leading --name or --name=value flags of an instruction, such as FROM --platform, COPY --from and
/// RUN --mount, and the arguments after them.
/// </summary>
public sealed record InstructionFlags(IReadOnlyList<KeyValuePair<string, string?>> Flags, string Rest)
{
    public static InstructionFlags Parse(string arguments)
    {
        var flags = new List<KeyValuePair<string, string?>>();
        var rest = arguments.TrimStart();
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = 0;
            while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
            {
                end++;
            }

            var flag = rest[2..end];
            var equals = flag.IndexOf('=');
            flags.Add(equals < 0
                ? new(flag.ToLowerInvariant(), null)
                : new(flag[..equals].ToLowerInvariant(), flag[(equals + 1)..]));
            rest = rest[end..].TrimStart();
        }

        return new InstructionFlags(flags, rest);
    }

    /// <summary>Returns the value of the last flag with this name (without "--"), or null.</summary>
    public string? Get(string name) =>
        Flags.LastOrDefault(flag => flag.Key == name).Value;

    /// <summary>The flags as written, for messages that repeat them: "--interval=5s --retries=3".</summary>
    public string Format() =>
        string.Join(' ', Flags.Select(flag => flag.Value is null ? $"--{flag.Key}" : $"--{flag.Key}={flag.Value}"));
}
