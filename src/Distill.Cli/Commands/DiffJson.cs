using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Diffing;

namespace Distill.Cli.Commands;

/// <summary>The JSON form of `distill diff --json`, which always lists every changed file.</summary>
public static class DiffJson
{
    public static string Serialize(ImageDiff diff)
    {
        var root = new JsonObject
        {
            ["identical"] = !diff.HasDifferences,
            ["images"] = new JsonArray(ToJson(diff.First), ToJson(diff.Second)),
            ["config"] = new JsonArray(diff.Config.Select(change => (JsonNode)new JsonObject
            {
                ["field"] = change.Field,
                ["old"] = change.Old,
                ["new"] = change.New,
            }).ToArray()),
            ["packages"] = new JsonArray(diff.Packages.Select(change => (JsonNode)new JsonObject
            {
                ["name"] = change.Name,
                ["change"] = change.Kind.ToString().ToLowerInvariant(),
                ["old"] = ToJson(change.Old),
                ["new"] = ToJson(change.New),
            }).ToArray()),
            ["files"] = new JsonArray(diff.Files.Select(change => (JsonNode)new JsonObject
            {
                ["path"] = change.Path,
                ["change"] = change.Kind.ToString().ToLowerInvariant(),
                ["aspects"] = new JsonArray(change.Aspects.Select(aspect => (JsonNode)aspect!).ToArray()),
                ["old"] = ToJson(change.Old),
                ["new"] = ToJson(change.New),
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject ToJson(ImageSnapshot image) => new()
    {
        ["name"] = image.Name,
        ["manifest"] = image.Manifest.Digest.ToString(),
        ["platform"] = image.Config.Variant is null
            ? $"{image.Config.Os}/{image.Config.Architecture}"
            : $"{image.Config.Os}/{image.Config.Architecture}/{image.Config.Variant}",
        ["layers"] = image.LayerCount,
        ["compressedSize"] = image.CompressedSize,
        ["uncompressedSize"] = image.UncompressedSize,
        ["packages"] = image.Packages.Count,
        ["files"] = image.Files.Count,
    };

    private static JsonObject? ToJson(InstalledPackage? package) => package is null
        ? null
        : new JsonObject
        {
            ["version"] = package.Version,
            ["architecture"] = package.Architecture,
            ["size"] = package.Size,
            ["files"] = package.FileCount,
        };

    private static JsonObject? ToJson(MergedFile? file) => file is null
        ? null
        : new JsonObject
        {
            ["type"] = file.Type.ToString(),
            ["mode"] = file.OctalMode,
            ["uid"] = file.Uid,
            ["gid"] = file.Gid,
            ["size"] = file.Size,
            ["linkTarget"] = file.LinkTarget,
            ["sha256"] = file.Sha256,
        };
}
