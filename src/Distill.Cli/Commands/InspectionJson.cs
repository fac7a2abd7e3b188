using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Blobs;
using Distill.Copying;

namespace Distill.Cli.Commands;

/// <summary>The JSON form of `distill inspect --json`.</summary>
public static class InspectionJson
{
    public static string Serialize(ImageInspection inspection)
    {
        var images = new JsonArray();
        foreach (var item in inspection.Images)
        {
            images.Add(new JsonObject
            {
                ["platform"] = item.Config.Platform.ToString(),
                ["manifest"] = ToJson(item.Manifest.Descriptor),
                ["config"] = ToJson(item.Manifest.Config),
                ["layers"] = new JsonArray(item.Manifest.Layers.Select(layer => (JsonNode)ToJson(layer)).ToArray()),
                ["entrypoint"] = new JsonArray(item.Config.Entrypoint.Select(value => (JsonNode)value!).ToArray()),
                ["cmd"] = new JsonArray(item.Config.Cmd.Select(value => (JsonNode)value!).ToArray()),
                ["user"] = item.Config.User,
                ["totalSize"] = item.TotalSize,
            });
        }

        var root = new JsonObject
        {
            ["name"] = inspection.Name,
            ["digest"] = inspection.Digest.ToString(),
            ["mediaType"] = inspection.Content.Root.MediaType,
            ["images"] = images,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject ToJson(Descriptor descriptor) => new()
    {
        ["mediaType"] = descriptor.MediaType,
        ["digest"] = descriptor.Digest.ToString(),
        ["size"] = descriptor.Size,
    };
}
