using Distill.Dockerfiles;
using Distill.Tests.EndToEnd;

namespace Distill.Tests.Dockerfiles;

/// <summary>
/// Lints each Dockerfile of Corpus/ and compares the findings with NAME.expected beside it, which lists one
/// finding per line as "LINE:COLUMN RULE SEVERITY" in the linter's order. An empty file means no findings.
/// </summary>
public sealed class CorpusTests
{
    private static readonly string CorpusDirectory =
        Path.Combine(RepositoryPaths.Root, "tests", "Distill.Tests", "Dockerfiles", "Corpus");

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(CorpusDirectory, "*.Dockerfile").Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileNameWithoutExtension(path));
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FindingsMatchExpected(string name)
    {
        var dockerfile = DockerfileParser.Parse(File.ReadAllText(Path.Combine(CorpusDirectory, name + ".Dockerfile")));
        var expected = File.ReadAllLines(Path.Combine(CorpusDirectory, name + ".expected"))
            .Where(line => line.Trim().Length > 0)
            .ToList();

        var findings = DockerfileLinter.Lint(dockerfile);

        var actual = findings
            .Select(finding =>
                $"{finding.Line}:{finding.Column} {finding.Rule} {finding.Severity.ToString().ToLowerInvariant()}")
            .ToList();
        Assert.Equal(expected, actual);
        Assert.All(findings, finding => Assert.False(string.IsNullOrWhiteSpace(finding.Message)));
    }

    [Fact]
    public void CorpusHasTwentyFilesWithExpectations()
    {
        var dockerfiles = Directory.GetFiles(CorpusDirectory, "*.Dockerfile");

        Assert.True(dockerfiles.Length >= 20, $"{CorpusDirectory} has {dockerfiles.Length} Dockerfiles");
        Assert.All(dockerfiles, path => Assert.True(File.Exists(Path.ChangeExtension(path, ".expected")),
            $"{path} has no .expected file"));
    }

    [Fact]
    public void CorpusCoversEveryRule()
    {
        var expected = string.Join('\n', Directory.GetFiles(CorpusDirectory, "*.expected").Select(File.ReadAllText));

        foreach (var rule in new[] { "DS001", "DS002", "DS003", "DS004", "DS005", "DS006", "DS007" })
        {
            Assert.Contains(rule, expected);
        }
    }
}
