namespace Distill.Sbom;

/// <summary>
/// A parsed SPDX license expression: a license ID or LicenseRef, an ID with an exception, or an AND or
/// OR of terms. <see cref="ToString"/> writes SPDX syntax with parentheses around nested compounds.
/// </summary>
internal abstract record LicenseExpression
{
    public static LicenseExpression And(IEnumerable<LicenseExpression> terms) => Combine(terms, isAnd: true);

    public static LicenseExpression Or(IEnumerable<LicenseExpression> terms) => Combine(terms, isAnd: false);

    /// <summary>Returns the terms of a top-level AND, or the expression itself.</summary>
    public IEnumerable<LicenseExpression> AndTerms() =>
        this is LicenseCompound { IsAnd: true } compound ? compound.Terms : [this];

    /// <summary>Flattens nested compounds of the same operator and drops repeated terms, keeping the first.</summary>
    private static LicenseExpression Combine(IEnumerable<LicenseExpression> terms, bool isAnd)
    {
        var flat = new List<LicenseExpression>();
        foreach (var term in terms)
        {
            var parts = term is LicenseCompound compound && compound.IsAnd == isAnd ? compound.Terms : [term];
            foreach (var part in parts.Where(part => !flat.Contains(part)))
            {
                flat.Add(part);
            }
        }

        return flat.Count == 1 ? flat[0] : new LicenseCompound(flat, isAnd);
    }
}

/// <summary>A license ID from the SPDX list or a LicenseRef, optionally with an SPDX exception ID.</summary>
internal sealed record LicenseTerm(string Id, string? Exception = null) : LicenseExpression
{
    public override string ToString() => Exception is null ? Id : $"{Id} WITH {Exception}";
}

/// <summary>Terms joined by AND or OR. Equality compares the terms in order.</summary>
internal sealed record LicenseCompound(IReadOnlyList<LicenseExpression> Terms, bool IsAnd) : LicenseExpression
{
    public bool Equals(LicenseCompound? other) =>
        other is not null && IsAnd == other.IsAnd && Terms.SequenceEqual(other.Terms);

    public override int GetHashCode() => HashCode.Combine(IsAnd, Terms.Count, Terms.Count > 0 ? Terms[0] : null);

    public override string ToString()
    {
        var separator = IsAnd ? " AND " : " OR ";
        return string.Join(separator, Terms.Select(term => term is LicenseCompound ? $"({term})" : term.ToString()));
    }
}
