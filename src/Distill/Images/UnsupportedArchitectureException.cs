namespace Distill.Images;

/// <summary>A Debian architecture that has no known OCI platform.</summary>
public sealed class UnsupportedArchitectureException(string architecture, IEnumerable<string> supported)
    : DistillException($"Unsupported architecture '{architecture}': no OCI platform is known for it. Use one of "
        + $"the Debian architectures {string.Join(", ", supported)}.")
{
    public string Architecture { get; } = architecture;
}
