using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Distill.Debian.Archive;

/// <summary>
/// Remembers the last verified InRelease of each URL: a small state file at DIRECTORY/inrelease/HASH-OF-URL
/// that names the blob holding the InRelease and the response's ETag and Last-Modified. The blob is stored
/// before the state file is renamed into place, so a state file never names a missing or partial blob.
/// </summary>
internal sealed class InReleaseStore(string cacheDirectory, BlobCache blobs)
{
    private readonly string directory = Path.Combine(cacheDirectory, "inrelease");

    /// <summary>Returns the stored InRelease bytes and validators for a URL, or null if none are usable.</summary>
    public (byte[] Content, CachedValidators Validators)? TryLoad(Uri url)
    {
        var statePath = StatePath(url);
        if (!File.Exists(statePath))
        {
            return null;
        }

        var lines = File.ReadAllText(statePath).Split('\n');
        if (lines.Length < 5 || lines[0] != url.ToString()
            || !long.TryParse(lines[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        var blob = blobs.TryGet(lines[1], size);
        if (blob is null)
        {
            return null;
        }

        var content = File.ReadAllBytes(blob);
        if (Convert.ToHexStringLower(SHA256.HashData(content)) != lines[1])
        {
            return null;
        }

        var etag = lines[3].Length == 0 ? null : lines[3];
        DateTimeOffset? lastModified = null;
        var styles = DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParse(lines[4], CultureInfo.InvariantCulture, styles, out var date))
        {
            lastModified = date;
        }

        return (content, new CachedValidators(etag, lastModified));
    }

    /// <summary>Stores a verified InRelease and the validators it was served with.</summary>
    public void Save(Uri url, byte[] content, CachedValidators validators)
    {
        blobs.Store(content);
        var state = new StringBuilder()
            .Append(url).Append('\n')
            .Append(Convert.ToHexStringLower(SHA256.HashData(content))).Append('\n')
            .Append(content.Length.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(validators.ETag).Append('\n')
            .Append(validators.LastModified?.ToString("O", CultureInfo.InvariantCulture)).Append('\n');

        Directory.CreateDirectory(directory);
        var statePath = StatePath(url);
        var temp = statePath + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, state.ToString());
        File.Move(temp, statePath, overwrite: true);
    }

    private string StatePath(Uri url) =>
        Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.ToString()))));
}
