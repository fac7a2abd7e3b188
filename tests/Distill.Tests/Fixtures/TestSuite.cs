namespace Distill.Tests.Fixtures;

/// <summary>
/// One suite of a <see cref="TestRepository"/>, written under dists/SUITE/: its Release fields and the
/// packages of each component. Change it before <see cref="TestRepository.Build"/>, which reads it.
/// </summary>
public sealed class TestSuite
{
    private readonly List<(string Component, TestPackage Package)> packages = [];

    internal TestSuite(string name, string codename)
    {
        Name = name;
        Codename = codename;
    }

    /// <summary>The Suite field and the directory name under dists/, such as "trixie" or "trixie-security".</summary>
    public string Name { get; }

    public string Codename { get; set; }
    public string Origin { get; set; } = "Debian";
    public string Label { get; set; } = "Debian";
    public string? Version { get; set; }
    public string? Description { get; set; }

    /// <summary>The Date field. Null means one hour before <see cref="TestRepository.Build"/> runs.</summary>
    public DateTimeOffset? Date { get; set; }

    /// <summary>The Valid-Until field, left out when null. Set a past time to test expiry.</summary>
    public DateTimeOffset? ValidUntil { get; set; }

    public bool AcquireByHash { get; set; } = true;
    public List<string> Architectures { get; } = ["amd64", "arm64"];
    public List<string> Components { get; } = ["main"];

    public IReadOnlyList<(string Component, TestPackage Package)> Packages => packages;

    /// <summary>
    /// Adds packages to a component. A package of Architecture "all" is listed in the Packages index of
    /// every architecture. Any other package is listed only in the index of its own architecture, if the
    /// suite has that architecture.
    /// </summary>
    public TestSuite Add(string component, params TestPackage[] added)
    {
        if (!Components.Contains(component))
        {
            throw new ArgumentException($"suite {Name} has no component '{component}'; add it to Components first");
        }

        packages.AddRange(added.Select(package => (component, package)));
        return this;
    }

    public TestSuite Add(params TestPackage[] added) => Add("main", added);

    public TestSuite Add(IEnumerable<TestPackage> added) => Add("main", added.ToArray());

    /// <summary>Returns the packages of one component that belong in the Packages index of an architecture.</summary>
    public IEnumerable<TestPackage> PackagesFor(string component, string architecture) =>
        packages
            .Where(entry => entry.Component == component)
            .Select(entry => entry.Package)
            .Where(package => package.Architecture == architecture || package.Architecture == "all");
}
