using System.Text.Json.Nodes;
using Distill.Blobs;
using Distill.Copying;
using Distill.Images;

namespace Distill.Applications;

/// <summary>
/// Reads and rewrites the image config of an existing base as JSON, so that the fields Distill does not
/// model (history, healthcheck, author) pass through unchanged.
/// </summary>
internal static class BaseConfigJson
{
    public static JsonObject Parse(byte[] content, string source)
    {
        try
        {
            return JsonNode.Parse(content) as JsonObject
                ?? throw new InvalidManifestException(source, "the image config is not a JSON object");
        }
        catch (System.Text.Json.JsonException error)
        {
            throw new InvalidManifestException(source, $"the image config is invalid ({error.Message})");
        }
    }

    public static Platform ReadPlatform(JsonObject config) =>
        new(GetString(config, "os") ?? "", GetString(config, "architecture") ?? "", GetString(config, "variant"));

    public static IReadOnlyList<Digest> ReadDiffIds(JsonObject config, string source)
    {
        try
        {
            return config["rootfs"]?["diff_ids"] is JsonArray ids
                ? [.. ids.Select(id => Digest.Parse(id!.GetValue<string>()))]
                : [];
        }
        catch (Exception error) when (error is InvalidDigestException or InvalidOperationException)
        {
            throw new InvalidManifestException(source, $"the image config has an invalid diff ID ({error.Message})");
        }
    }

    /// <summary>Reads the "config" object, the container settings that the application inherits.</summary>
    public static ContainerConfig ReadContainerConfig(JsonObject config)
    {
        var container = config["config"] as JsonObject ?? [];
        return new ContainerConfig
        {
            User = GetString(container, "User") is { Length: > 0 } user ? user : null,
            Env = GetStrings(container, "Env"),
            Entrypoint = GetStrings(container, "Entrypoint"),
            Cmd = GetStrings(container, "Cmd"),
            WorkingDir = GetString(container, "WorkingDir") is { Length: > 0 } directory ? directory : null,
            Labels = GetKeys(container, "Labels")
                .ToDictionary(key => key, key => container["Labels"]![key]?.GetValue<string>() ?? ""),
            ExposedPorts = GetKeys(container, "ExposedPorts"),
            Volumes = GetKeys(container, "Volumes"),
            StopSignal = GetString(container, "StopSignal"),
        };
    }

    /// <summary>
    /// Returns a copy of the base config with the merged container settings, the creation time, and one more
    /// diff ID and history entry for the application layer. Without a layer, the history entry is marked
    /// "empty_layer", as the OCI image spec defines it.
    /// </summary>
    public static JsonObject Extend(JsonObject baseConfig, ContainerConfig settings, Digest? diffId,
        string createdBy, DateTimeOffset created)
    {
        var config = (JsonObject)baseConfig.DeepClone();
        var time = CanonicalJson.FormatTime(created);
        config["created"] = time;
        config["config"] = WriteContainerConfig(config["config"] as JsonObject ?? [], settings);

        var rootfs = config["rootfs"] as JsonObject ?? new JsonObject { ["type"] = "layers" };
        config["rootfs"] = rootfs;
        var diffIds = rootfs["diff_ids"] as JsonArray ?? [];
        rootfs["diff_ids"] = diffIds;
        var history = config["history"] as JsonArray ?? [];
        config["history"] = history;
        var entry = new JsonObject { ["created"] = time, ["created_by"] = createdBy };
        if (diffId is { } id)
        {
            diffIds.Add(id.ToString());
        }
        else
        {
            entry["empty_layer"] = true;
        }

        history.Add(entry);
        return config;
    }

    private static JsonObject WriteContainerConfig(JsonObject container, ContainerConfig settings)
    {
        SetOrRemove(container, "User", settings.User);
        SetOrRemove(container, "Env", Array(settings.Env));
        SetOrRemove(container, "Entrypoint", Array(settings.Entrypoint));
        SetOrRemove(container, "Cmd", Array(settings.Cmd));
        SetOrRemove(container, "WorkingDir", settings.WorkingDir);
        SetOrRemove(container, "StopSignal", settings.StopSignal);
        SetOrRemove(container, "Labels", settings.Labels.Count == 0
            ? null
            : new JsonObject(settings.Labels.Select(pair =>
                KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value)))));
        SetOrRemove(container, "ExposedPorts", Set(ContainerConfigValidator.NormalizeExposedPorts(
            settings.ExposedPorts)));
        SetOrRemove(container, "Volumes", Set(settings.Volumes));
        return container;
    }

    private static void SetOrRemove(JsonObject container, string name, JsonNode? value)
    {
        if (value is null)
        {
            container.Remove(name);
        }
        else
        {
            container[name] = value;
        }
    }

    private static void SetOrRemove(JsonObject container, string name, string? value) =>
        SetOrRemove(container, name, value is null ? null : JsonValue.Create(value));

    private static JsonArray? Array(IReadOnlyList<string> values) =>
        values.Count == 0 ? null : new JsonArray([.. values.Select(value => (JsonNode?)JsonValue.Create(value))]);

    private static JsonObject? Set(IEnumerable<string> keys)
    {
        var set = new JsonObject();
        foreach (var key in keys.Distinct())
        {
            set[key] = new JsonObject();
        }

        return set.Count == 0 ? null : set;
    }

    private static string? GetString(JsonObject element, string name) =>
        element[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IReadOnlyList<string> GetStrings(JsonObject element, string name) =>
        element[name] is JsonArray array ? [.. array.Select(item => item?.GetValue<string>() ?? "")] : [];

    private static IReadOnlyList<string> GetKeys(JsonObject element, string name) =>
        element[name] is JsonObject map ? [.. map.Select(pair => pair.Key)] : [];
}
