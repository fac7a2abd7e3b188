using System.Text.Json;

namespace Distill.Images;

/// <summary>Serializes an <see cref="ImageConfig"/> as the canonical JSON of an OCI image config.</summary>
internal static class ImageConfigJson
{
    public static byte[] Serialize(ImageConfig config)
    {
        Validate(config.Config);
        return CanonicalJson.Serialize(writer => Write(writer, config));
    }

    private static void Validate(ContainerConfig config)
    {
        ContainerConfigValidator.ValidateEnv(config.Env);
        ContainerConfigValidator.ValidateVolumes(config.Volumes);
        ContainerConfigValidator.ValidateWorkingDir(config.WorkingDir);
    }

    private static void Write(Utf8JsonWriter writer, ImageConfig config)
    {
        var created = CanonicalJson.FormatTime(config.Created);

        writer.WriteStartObject();
        writer.WriteString("created", created);
        writer.WriteString("architecture", config.Platform.Architecture);
        CanonicalJson.WriteStringIfPresent(writer, "variant", config.Platform.Variant);
        writer.WriteString("os", config.Platform.Os);
        WriteContainerConfig(writer, config.Config);
        WriteRootFileSystem(writer, config);
        WriteHistory(writer, config, created);
        writer.WriteEndObject();
    }

    private static void WriteContainerConfig(Utf8JsonWriter writer, ContainerConfig config)
    {
        var exposedPorts = ContainerConfigValidator.NormalizeExposedPorts(config.ExposedPorts).ToList();
        if (IsEmpty(config, exposedPorts))
        {
            return;
        }

        writer.WriteStartObject("config");
        CanonicalJson.WriteStringIfPresent(writer, "User", config.User);
        CanonicalJson.WriteSetIfAny(writer, "ExposedPorts", exposedPorts);
        CanonicalJson.WriteStringArrayIfAny(writer, "Env", config.Env);
        CanonicalJson.WriteStringArrayIfAny(writer, "Entrypoint", config.Entrypoint);
        CanonicalJson.WriteStringArrayIfAny(writer, "Cmd", config.Cmd);
        CanonicalJson.WriteSetIfAny(writer, "Volumes", config.Volumes);
        CanonicalJson.WriteStringIfPresent(writer, "WorkingDir", config.WorkingDir);
        CanonicalJson.WriteStringMapIfAny(writer, "Labels", config.Labels);
        CanonicalJson.WriteStringIfPresent(writer, "StopSignal", config.StopSignal);
        writer.WriteEndObject();
    }

    private static bool IsEmpty(ContainerConfig config, List<string> exposedPorts) =>
        string.IsNullOrEmpty(config.User)
        && exposedPorts.Count == 0
        && config.Env.Count == 0
        && config.Entrypoint.Count == 0
        && config.Cmd.Count == 0
        && config.Volumes.Count == 0
        && string.IsNullOrEmpty(config.WorkingDir)
        && config.Labels.Count == 0
        && string.IsNullOrEmpty(config.StopSignal);

    private static void WriteRootFileSystem(Utf8JsonWriter writer, ImageConfig config)
    {
        writer.WriteStartObject("rootfs");
        writer.WriteString("type", "layers");
        writer.WriteStartArray("diff_ids");
        foreach (var layer in config.Layers)
        {
            writer.WriteStringValue(layer.DiffId.ToString());
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteHistory(Utf8JsonWriter writer, ImageConfig config, string created)
    {
        if (config.Layers.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("history");
        foreach (var layer in config.Layers)
        {
            writer.WriteStartObject();
            writer.WriteString("created", created);
            CanonicalJson.WriteStringIfPresent(writer, "created_by", layer.CreatedBy);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
