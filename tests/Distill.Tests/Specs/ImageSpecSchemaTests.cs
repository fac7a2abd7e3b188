using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Specs;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Distill.Tests.Specs;

/// <summary>
/// Checks docs/image-spec.schema.json against the example specs, which the reader also accepts, and against
/// a spec with an unknown key, which both reject.
/// </summary>
public sealed class ImageSpecSchemaTests
{
    private static readonly string SpecsFolder = Path.Combine(AppContext.BaseDirectory, "Specs");

    /// <summary>The schema, loaded once because JsonSchema.Net registers each schema's $id globally.</summary>
    private static readonly Lazy<JsonSchema> Schema =
        new(() => JsonSchema.FromFile(Path.Combine(SpecsFolder, "image-spec.schema.json")));

    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(SpecsFolder, "Examples"), "*.yaml").Select(path => Path.GetFileName(path))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void ExampleSpec_MatchesSchema(string name)
    {
        var path = Path.Combine(SpecsFolder, "Examples", name);

        var results = Evaluate(File.ReadAllText(path));

        Assert.True(results.IsValid, string.Join("\n", Errors(results)));
        ImageSpecReader.Load(path);
    }

    [Fact]
    public void UnknownKey_FailsSchema()
    {
        const string text = "base: static\nentrypiont: [/app/server]\n";

        var results = Evaluate(text);

        Assert.False(results.IsValid);
        Assert.Throws<ImageSpecException>(() => ImageSpecReader.Parse(text, "spec.yaml", "/"));
    }

    [Fact]
    public void FileWithoutDestination_FailsSchema()
    {
        var results = Evaluate("files:\n  - content: x\n");

        Assert.False(results.IsValid);
    }

    private static EvaluationResults Evaluate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var json = ToJson(stream.Documents[0].RootNode);
        using var document = JsonDocument.Parse(json?.ToJsonString() ?? "null");
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        return Schema.Value.Evaluate(document.RootElement.Clone(), options);
    }

    /// <summary>
    /// Converts YAML to JSON the way YAML 1.2's core schema types plain scalars: true and false are
    /// booleans, whole numbers are integers, and quoted scalars stay strings.
    /// </summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar =>
            JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar
            when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                out var number) => JsonValue.Create(number),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    private static IEnumerable<string> Errors(EvaluationResults results) =>
        (results.Details ?? [])
            .Where(detail => detail.Errors is not null)
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"));
}
