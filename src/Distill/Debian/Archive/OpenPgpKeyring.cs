using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Distill.Debian.Archive;

/// <summary>
/// The OpenPGP public keys that an archive's InRelease may be signed with, loaded from binary keyrings
/// (such as /usr/share/keyrings/debian-archive-keyring.gpg) or ASCII-armored .asc files.
/// </summary>
public sealed class OpenPgpKeyring
{
    private readonly Dictionary<long, OpenPgpKey> keysById = [];

    private OpenPgpKeyring(string description)
    {
        Description = description;
    }

    /// <summary>The file or files the keys came from, for messages.</summary>
    public string Description { get; }

    /// <summary>The number of primary keys; subkeys are not counted.</summary>
    public int PrimaryKeyCount { get; private set; }

    /// <summary>Loads every public key in one or more files, binary or armored.</summary>
    public static OpenPgpKeyring Load(params IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new KeyringException("no keyring file was given: pass a keyring with --keyring");
        }

        var keyring = new OpenPgpKeyring(string.Join(", ", paths));
        foreach (var path in paths)
        {
            keyring.AddFile(path);
        }

        return keyring;
    }

    /// <summary>Loads the public keys in a binary or armored keyring held in memory.</summary>
    public static OpenPgpKeyring FromBytes(byte[] keyringBytes, string description)
    {
        var keyring = new OpenPgpKeyring(description);
        keyring.AddBytes(keyringBytes, description);
        return keyring;
    }

    /// <summary>Finds a primary key or subkey by its 64-bit key id, or returns null.</summary>
    internal OpenPgpKey? Find(long keyId) => keysById.GetValueOrDefault(keyId);

    private void AddFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new KeyringException($"cannot read keyring '{path}': {error.Message}. Pass a readable "
                + "keyring with --keyring", error);
        }

        AddBytes(bytes, path);
    }

    private void AddBytes(byte[] bytes, string description)
    {
        var before = PrimaryKeyCount;
        try
        {
            foreach (var block in SplitArmor(bytes))
            {
                AddKeyRings(block);
            }
        }
        catch (Exception error) when (error is IOException or PgpException)
        {
            throw new KeyringException($"invalid keyring '{description}': {error.Message}. Pass an OpenPGP "
                + "keyring (binary .gpg or armored .asc) with --keyring", error);
        }

        if (PrimaryKeyCount == before)
        {
            throw new KeyringException($"keyring '{description}' contains no OpenPGP public keys: pass an OpenPGP "
                + "keyring (binary .gpg or armored .asc) with --keyring");
        }
    }

    private void AddKeyRings(Stream packets)
    {
        var factory = new PgpObjectFactory(packets);
        while (factory.NextPgpObject() is { } item)
        {
            if (item is not PgpPublicKeyRing ring)
            {
                continue;
            }

            var primary = ring.GetPublicKey();
            PrimaryKeyCount++;
            foreach (var key in ring.GetPublicKeys())
            {
                keysById[key.KeyId] = new OpenPgpKey(key, primary);
            }
        }
    }

    /// <summary>
    /// Returns the binary packet streams in a keyring file: the file itself when it is binary, or one
    /// stream per "-----BEGIN PGP PUBLIC KEY BLOCK-----" section when it is armored.
    /// </summary>
    private static IEnumerable<Stream> SplitArmor(byte[] bytes)
    {
        const string BeginMarker = "-----BEGIN PGP ";
        var text = Encoding.ASCII.GetString(bytes);
        if (!text.TrimStart().StartsWith(BeginMarker, StringComparison.Ordinal))
        {
            yield return new MemoryStream(bytes, writable: false);
            yield break;
        }

        var start = text.IndexOf(BeginMarker, StringComparison.Ordinal);
        while (start >= 0)
        {
            var next = text.IndexOf(BeginMarker, start + BeginMarker.Length, StringComparison.Ordinal);
            var end = next < 0 ? text.Length : next;
            var block = Encoding.ASCII.GetBytes(text[start..end]);
            yield return new ArmoredInputStream(new MemoryStream(block, writable: false));
            start = next;
        }
    }
}
