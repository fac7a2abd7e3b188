using Distill.Debian.Archive;

namespace Distill.Debian.Resolution;

/// <summary>
/// Computes the packages that requested packages need over Depends and Pre-Depends, from one
/// <see cref="PackageIndex"/>. For each group of alternatives, one that an installed or already chosen
/// package satisfies wins; else the first alternative that can be installed with all its own dependencies,
/// trying the named package before the packages that provide the name (sorted by name). A failed try is
/// undone before the next, so a dead end leaves nothing behind.
/// </summary>
/// <remarks>
/// Recommends, Conflicts and Breaks are not read. The index keeps only the newest version of each name,
/// so a pin or constraint that only an older version meets fails.
/// </remarks>
public sealed class DependencyResolver(PackageIndex index)
{
    /// <summary>
    /// Returns the packages to add, in the order they were chosen: each requested package, followed
    /// depth-first by the dependencies it brought in.
    /// </summary>
    /// <exception cref="UnsatisfiableDependencyException">A requested package cannot be installed.</exception>
    public IReadOnlyList<ResolvedPackage> Resolve(ResolutionRequest request)
    {
        var state = new ResolutionState(request);
        var failures = new List<ResolutionFailure>();
        foreach (var text in request.Requested)
        {
            var relation = ParseRequest(text);
            if (SatisfyGroup(state, [relation], [], parent: null, field: null) is { } failure)
            {
                failures.Add(failure);
            }
        }

        if (failures.Count > 0)
        {
            var details = string.Join("\n", failures.Select(failure => failure.Describe()));
            throw new UnsatisfiableDependencyException(
                $"cannot install the requested packages for {request.Architecture}:\n{details}\n"
                + "Request a version the archive has, remove the --exclude that blocks the dependency, or add a "
                + "package that provides it.");
        }

        return state.Added;
    }

    /// <summary>Parses a requested package, "name" or "name=version", as a relation.</summary>
    public static PackageRelation ParseRequest(string text)
    {
        var equals = text.IndexOf('=');
        var name = (equals < 0 ? text : text[..equals]).Trim();
        if (name.Length == 0 || name.Any(character => char.IsWhiteSpace(character) || character is ':' or '('))
        {
            throw new DistillException($"invalid package '{text}': write a package name, or NAME=VERSION");
        }

        return equals < 0
            ? new PackageRelation(name, null, null, null)
            : new PackageRelation(name, null, "=", DebianVersion.Parse(text[(equals + 1)..].Trim()));
    }

    private ResolutionFailure? SatisfyGroup(
        ResolutionState state, IReadOnlyList<PackageRelation> group, IReadOnlyList<string> chain,
        PackageRecord? parent, string? field)
    {
        if (group.Any(state.IsSatisfied))
        {
            return null;
        }

        var failures = new List<ResolutionFailure>();
        foreach (var relation in group)
        {
            var relationChain = (IReadOnlyList<string>)[.. chain, relation.ToString()];
            var (candidates, rejections) = FindCandidates(state, relation);
            foreach (var candidate in candidates)
            {
                var reason = parent is null
                    ? "requested"
                    : $"needed by {parent.Package} for {field}: {string.Join(" | ", group)}";
                var failure = TryInstall(state, candidate, parent, reason, relation, relationChain);
                if (failure is null)
                {
                    return null;
                }

                failures.Add(failure);
            }

            if (candidates.Count == 0)
            {
                failures.Add(new ResolutionFailure(relationChain, string.Join("; ", rejections)));
            }
        }

        return failures.Count == 1
            ? failures[0]
            : new ResolutionFailure(
                [.. chain, string.Join(" | ", group)], "no alternative can be installed", failures);
    }

    private ResolutionFailure? TryInstall(
        ResolutionState state, PackageRecord record, PackageRecord? parent, string reason,
        PackageRelation relation, IReadOnlyList<string> chain)
    {
        var mark = state.Mark();
        state.Add(record, reason, parent);
        (string Field, IReadOnlyList<IReadOnlyList<PackageRelation>> Groups)[] fields =
            [("Pre-Depends", record.PreDepends), ("Depends", record.Depends)];
        // A provider's name follows the virtual name it was chosen for: "app -> mail-agent -> postfix".
        IReadOnlyList<string> packageChain = relation.Name == record.Package ? chain : [.. chain, record.Package];
        foreach (var (field, groups) in fields)
        {
            foreach (var group in groups)
            {
                if (SatisfyGroup(state, group, packageChain, record, field) is { } failure)
                {
                    state.RollBack(mark);
                    return failure;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Returns the packages that could satisfy the relation, the named package first and then its
    /// providers, and for each package that cannot, the reason.
    /// </summary>
    private (List<PackageRecord> Candidates, List<string> Rejections) FindCandidates(
        ResolutionState state, PackageRelation relation)
    {
        var candidates = new List<PackageRecord>();
        var rejections = new List<string>();
        var named = index.Find(relation.Name);
        if (named is not null)
        {
            Consider(named, RelationMatcher.RejectAsPackage(named, relation, state.Architecture));
        }

        foreach (var provider in index.FindProviders(relation.Name))
        {
            Consider(provider, RelationMatcher.RejectAsProvider(provider, relation, state.Architecture));
        }

        if (named is null && rejections.Count == 0 && candidates.Count == 0)
        {
            rejections.Add($"{relation.Name} is not in the archive and no package provides it");
        }

        return (candidates, rejections);

        void Consider(PackageRecord record, string? problem)
        {
            problem ??= state.RejectName(record);
            if (problem is null)
            {
                candidates.Add(record);
            }
            else
            {
                rejections.Add(problem);
            }
        }
    }
}
