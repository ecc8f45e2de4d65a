using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pipelines.Testing.Kubernetes;

/// <summary>
/// The stand-in cluster's CA, as kube-apiserver has one: it signs the serving certificate (127.0.0.1 and localhost) and the
/// client certificates users log in with (CN the user, O the groups), and it is the only root a client certificate is checked
/// against, so a certificate from any other CA is refused.
/// </summary>
public sealed class StandInCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _root;

    private StandInCertificateAuthority(X509Certificate2 root) => _root = root;

    /// <summary>The CA certificate as PEM, for a kubeconfig's <c>certificate-authority(-data)</c> or a pod's <c>ca.crt</c>.</summary>
    public string CertificatePem => _root.ExportCertificatePem();

    /// <summary>A new CA with its own key.</summary>
    public static StandInCertificateAuthority Create(string name = "stand-in-ca")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return new StandInCertificateAuthority(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1)));
    }

    /// <summary>The API server's serving certificate, for 127.0.0.1, ::1 and localhost.</summary>
    public X509Certificate2 IssueServerCertificate()
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        return Issue("CN=kube-apiserver", names.Build(), new Oid("1.3.6.1.5.5.7.3.1"));
    }

    /// <summary>A client certificate and its key, both PEM, for user <paramref name="user"/> in <paramref name="groups"/>.</summary>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(string user, params string[] groups)
    {
        var subject = $"CN={user}" + string.Concat(groups.Select(g => $", O={g}"));
        using var certificate = Issue(subject, null, new Oid("1.3.6.1.5.5.7.3.2"));
        return (certificate.ExportCertificatePem(), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Whether <paramref name="certificate"/> chains to this CA (and only this CA) and is meant for client authentication.</summary>
    public bool Verifies(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(certificate);
    }

    private X509Certificate2 Issue(string subject, X509Extension? names, Oid usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        if (names is not null) request.CertificateExtensions.Add(names);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(_root, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Releases the CA's key.</summary>
    public void Dispose() => _root.Dispose();
}
