using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Distill.Tests.Fixtures;

/// <summary>A self-signed CA certificate as ca-certificates ships it: a file name and PEM text.</summary>
public sealed record TestCertificate(string FileName, string Pem, string Subject, string Sha256Fingerprint);

/// <summary>
/// Self-signed root certificates made once for each test run: one RSA 2048 and one ECDSA P-256,
/// valid from 2020 to 2050. Every ca-certificates-like package built in the run ships the same two.
/// </summary>
public static class TestCertificates
{
    private static readonly Lazy<IReadOnlyList<TestCertificate>> Roots = new(CreateRoots);

    public static IReadOnlyList<TestCertificate> All => Roots.Value;

    private static IReadOnlyList<TestCertificate> CreateRoots()
    {
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return
        [
            CreateRoot("Distill_Test_Root_RSA.crt", "CN=Distill Test Root RSA, O=Distill Tests",
                new CertificateRequest("CN=Distill Test Root RSA, O=Distill Tests", rsa, HashAlgorithmName.SHA256,
                    RSASignaturePadding.Pkcs1)),
            CreateRoot("Distill_Test_Root_ECC.crt", "CN=Distill Test Root ECC, O=Distill Tests",
                new CertificateRequest("CN=Distill Test Root ECC, O=Distill Tests", ecdsa, HashAlgorithmName.SHA256)),
        ];
    }

    private static TestCertificate CreateRoot(string fileName, string subject, CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        using var certificate = request.CreateSelfSigned(
            new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2050, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var pem = certificate.ExportCertificatePem() + "\n";
        return new TestCertificate(fileName, pem, subject, certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }
}
