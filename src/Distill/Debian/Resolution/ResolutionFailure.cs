using System.Text;

namespace Distill.Debian.Resolution;

/// <summary>
/// Why a relation could not be satisfied: the chain of relations that led to it ("app -> libfoo (>= 2) ->
/// libbar"), the reason, and for a relation with several alternatives or providers, the failure of each.
/// </summary>
internal sealed record ResolutionFailure(
    IReadOnlyList<string> Chain, string Reason, IReadOnlyList<ResolutionFailure> Causes)
{
    public ResolutionFailure(IReadOnlyList<string> chain, string reason)
        : this(chain, reason, [])
    {
    }

    public string Describe()
    {
        var text = new StringBuilder();
        Append(text, 0);
        return text.ToString();
    }

    private void Append(StringBuilder text, int depth)
    {
        if (depth > 0)
        {
            text.Append('\n').Append(' ', depth * 2);
        }

        text.Append(string.Join(" -> ", Chain)).Append(": ").Append(Reason);
        foreach (var cause in Causes)
        {
            cause.Append(text, depth + 1);
        }
    }
}
