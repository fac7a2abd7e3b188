using System.Reflection;
using Distill.Blobs;
using Distill.Layers;

namespace Distill.Tests.Layers;

/// <summary>
/// The entry point of the test assembly, which also runs as its own program so that a test can write a layer
/// in a separate process: "dotnet Distill.Tests.dll write-layer STORE" writes the edge-case layer into the
/// blob store STORE and prints its blob digest and diff ID.
/// </summary>
public static class LayerWriterProcess
{
    public const string WriteLayerCommand = "write-layer";

    public static int Main(string[] args)
    {
        if (args is [WriteLayerCommand, var storeRoot])
        {
            var layer = LayerWriter.Write(LayerFixtures.EdgeCases(), "edge cases", new BlobStore(storeRoot));
            Console.WriteLine($"{layer.Digest} {layer.DiffId}");
            return 0;
        }

        Console.Error.WriteLine($"usage: dotnet Distill.Tests.dll {WriteLayerCommand} STORE");
        return 2;
    }

    /// <summary>Runs the edge-case layer writer in a new process and returns its output line.</summary>
    public static string Run(string storeRoot)
    {
        var assembly = Assembly.GetExecutingAssembly().Location;
        return ExternalTool.RunChecked("dotnet", assembly, WriteLayerCommand, storeRoot).Trim();
    }
}
