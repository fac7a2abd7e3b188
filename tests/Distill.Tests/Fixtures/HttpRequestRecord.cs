namespace Distill.Tests.Fixtures;

/// <summary>
/// One request that a <see cref="LoopbackHttpServer"/> handled: the request head, the status sent
/// (0 when the connection was dropped), the body bytes sent and the fault applied, if any.
/// </summary>
public sealed record HttpRequestRecord(
    DateTimeOffset Time,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    int StatusCode,
    long BodyBytesSent,
    HttpFaultKind? Fault)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
