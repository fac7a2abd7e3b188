using Distill.Images;

namespace Distill.Applications;

/// <summary>Merges the container settings of an <see cref="ApplicationSpec"/> into those of a base image.</summary>
public static class ApplicationConfig
{
    /// <summary>
    /// Returns the base's settings with the spec's applied: single values and the entrypoint and cmd replace
    /// the base's; environment variables replace the base's of the same name in place, and new ones follow;
    /// labels with the same key replace the base's; ports and volumes are added.
    /// </summary>
    public static ContainerConfig Merge(ContainerConfig baseConfig, ApplicationSpec spec)
    {
        var labels = new Dictionary<string, string>(baseConfig.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in spec.Labels)
        {
            labels[key] = value;
        }

        return baseConfig with
        {
            User = spec.User ?? baseConfig.User,
            Env = MergeEnv(baseConfig.Env, spec.Env),
            Entrypoint = spec.Entrypoint ?? baseConfig.Entrypoint,
            Cmd = spec.Cmd ?? baseConfig.Cmd,
            WorkingDir = spec.WorkingDir ?? baseConfig.WorkingDir,
            Labels = labels,
            ExposedPorts = [.. baseConfig.ExposedPorts.Concat(spec.ExposedPorts).Distinct()],
            Volumes = [.. baseConfig.Volumes.Concat(spec.Volumes).Distinct()],
            StopSignal = spec.StopSignal ?? baseConfig.StopSignal,
        };
    }

    private static IReadOnlyList<string> MergeEnv(IReadOnlyList<string> baseEnv, IReadOnlyList<string> added)
    {
        var merged = baseEnv.ToList();
        foreach (var variable in added)
        {
            var name = NameOf(variable);
            var index = merged.FindIndex(existing => NameOf(existing) == name);
            if (index >= 0)
            {
                merged[index] = variable;
            }
            else
            {
                merged.Add(variable);
            }
        }

        return merged;
    }

    private static string NameOf(string variable)
    {
        var equals = variable.IndexOf('=');
        return equals < 0 ? variable : variable[..equals];
    }
}
