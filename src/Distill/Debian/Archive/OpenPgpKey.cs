using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Distill.Debian.Archive;

/// <summary>A key from a keyring with the primary key of its ring, which certifies it when it is a subkey.</summary>
internal sealed record OpenPgpKey(PgpPublicKey Key, PgpPublicKey Primary)
{
    public bool IsSubkey => Key.KeyId != Primary.KeyId;
}
