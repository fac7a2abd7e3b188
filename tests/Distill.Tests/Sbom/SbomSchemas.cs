using System.Text.Json;
using Json.Schema;

namespace Distill.Tests.Sbom;

/// <summary>
/// The official CycloneDX 1.6 JSON schema and the SPDX license list schema it references, vendored in
/// Schemas/ (see the README there), loaded once with references resolved from those files only.
/// </summary>
internal static class SbomSchemas
{
    private const string CycloneDxBase = "http://cyclonedx.org/schema/";

    private static readonly Lazy<JsonSchema> CycloneDxSchema = new(LoadCycloneDx);

    public static JsonSchema CycloneDx16 => CycloneDxSchema.Value;

    /// <summary>
    /// Returns the license and exception IDs of the SPDX license list, as enumerated in
    /// spdx.SNAPSHOT.schema.json.
    /// </summary>
    public static IReadOnlySet<string> SpdxListIds()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath("spdx.SNAPSHOT.schema.json")));
        return schema.RootElement.GetProperty("enum").EnumerateArray().Select(id => id.GetString()!).ToHashSet();
    }

    /// <summary>Evaluates a document with format assertions on and returns the errors of every failed node.</summary>
    public static IReadOnlyList<string> Validate(JsonSchema schema, byte[] document)
    {
        using var json = JsonDocument.Parse(document);
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        var results = schema.Evaluate(json.RootElement, options);
        if (results.IsValid)
        {
            return [];
        }

        return (results.Details ?? [])
            .Where(detail => detail.Errors is not null)
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key}: {error.Value}"))
            .DefaultIfEmpty("invalid, with no error details")
            .ToList();
    }

    private static JsonSchema LoadCycloneDx()
    {
        var registry = new SchemaRegistry();
        var options = new BuildOptions { SchemaRegistry = registry };

        // The bom schema refers to the other two by their file names, relative to its own $id, which
        // differ from the $id values inside those files.
        foreach (var name in (string[])["spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json"])
        {
            var schema = JsonSchema.FromFile(SchemaPath(name), options, new Uri(CycloneDxBase + name));
            registry.Register(new Uri(CycloneDxBase + name), schema);
        }

        return JsonSchema.FromFile(SchemaPath("bom-1.6.SNAPSHOT.schema.json"), options);
    }

    private static string SchemaPath(string name) => Path.Combine(AppContext.BaseDirectory, "Sbom", "Schemas", name);
}
