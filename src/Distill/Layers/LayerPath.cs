using System.Text;

namespace Distill.Layers;

/// <summary>Rules for the root-relative paths that a layer stores ("usr/bin/env").</summary>
internal static class LayerPath
{
    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Returns why <paramref name="path"/> is not a valid root-relative path, or null when it is valid. A valid
    /// path is non-empty, has no leading or trailing "/", no empty, "." or ".." components, no NUL character,
    /// and encodes to UTF-8.
    /// </summary>
    public static string? FindProblem(string path)
    {
        if (path.Length == 0)
        {
            return "the path is empty. Give the path relative to the image root, such as 'usr/bin/env'";
        }

        if (path.StartsWith('/') || path.EndsWith('/'))
        {
            return "the path starts or ends with '/'. Remove the leading and trailing '/'";
        }

        if (path.Contains('\0'))
        {
            return "the path contains a NUL character, which no file name may contain";
        }

        if (!IsValidUtf16(path))
        {
            return "the path contains an unpaired UTF-16 surrogate, so it cannot be encoded as UTF-8";
        }

        foreach (var component in path.Split('/'))
        {
            if (component is "" or "." or "..")
            {
                return $"the path contains the component '{component}'. Give a normalized path without "
                    + "'//', '.' or '..'";
            }
        }

        return null;
    }

    /// <summary>Returns the paths of the directories that contain <paramref name="path"/>, outermost first.</summary>
    public static IEnumerable<string> GetAncestors(string path)
    {
        for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    public static bool IsValidUtf16(string text)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
