using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;
using Platform.BuildingBlocks.Database;

namespace Platform.Host.Infrastructure;

/// <summary>
/// The Data Protection key ring every node shares: stored in <c>platform.data_protection_keys</c>
/// through Data Protection's own EF Core repository, so a cookie or token issued by one node is
/// accepted by all of them and survives restarts. With a certificate configured the keys are
/// encrypted at rest with it (what the ASP.NET Core docs advise when keys leave the machine);
/// without one they are stored in the clear, protected only by the database and its backups.
/// </summary>
internal static class KeyRing
{
    public const string Section = "Platform:DataProtection";

    /// <returns>null when the configuration is usable, else why not.</returns>
    public static string? TryAddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName("Platform")
            .PersistKeysToDbContext<PlatformDbContext>();

        var section = configuration.GetSection(Section);
        var path = section["Certificate"];
        var previous = (section["PreviousCertificates"] ?? "")
            .Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (string.IsNullOrWhiteSpace(path))
        {
            if (previous.Length > 0)
                return $"{Section}:PreviousCertificates is set but {Section}:Certificate is not.";
            // A node left without the certificate cannot read the encrypted keys; on its own it would
            // write a fresh key in the clear, which every other node would then read and use.
            services.AddOptions<KeyManagementOptions>().PostConfigure(o =>
            {
                if (o.XmlRepository is { } store)
                    o.XmlRepository = new NoClearKeyBesideEncryptedOnes(store);
            });
            return null;
        }

        var password = section["CertificatePassword"];
        var certificates = new List<X509Certificate2>();
        foreach (var file in previous.Prepend(path))
        {
            var (certificate, error) = Load(file, password);
            if (error is not null)
                return error;
            certificates.Add(certificate!);
        }
        // New keys are encrypted with the current certificate; keys written under an earlier one
        // stay readable while that certificate is listed (rotate: add the old one to PreviousCertificates).
        builder.ProtectKeysWithCertificate(certificates[0]).UnprotectKeysWithAnyCertificate([.. certificates]);
        return null;
    }

    // Arbitrary but fixed, beside the migration lock: "PLATKEYS" in ASCII.
    private const long FirstKeyLock = 0x504C41544B455953;

    /// <summary>
    /// Makes the ring's first key before the node serves, one node at a time. Left to Data
    /// Protection, nodes of a new cluster that start together each create a key of their own, and
    /// a token protected with one node's key is refused by a node that loaded the ring before that
    /// key existed, until its ring refreshes.
    /// </summary>
    public static async Task EnsureKeyAsync(IServiceProvider services, CancellationToken ct)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await using var oneNodeAtATime = await AdvisoryLock.AcquireAsync(dataSource, FirstKeyLock, ct);
        var keys = services.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        // Later keys are Data Protection's business: it makes the next one well before the
        // current one expires and activates it only after every node has had time to see it.
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ExpirationDate > now))
            keys.CreateNewKey(now, now.AddDays(90));
    }

    private static (X509Certificate2? Certificate, string? Error) Load(string file, string? password)
    {
        if (!File.Exists(file))
            return (null, $"{Section}: the certificate file {file} does not exist.");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(file, password,
                X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException ex)
        {
            // The message says "wrong password" or "not PKCS#12"; it never contains the password.
            return (null, $"{Section}: cannot read the PKCS#12 (.pfx) certificate {file}: {ex.Message}");
        }
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            return (null, $"{Section}: the certificate {file} needs an RSA private key to decrypt the key ring.");
        return (certificate, null);
    }
}

/// <summary>Refuses to store a key in the clear in a ring whose keys are encrypted.</summary>
internal sealed class NoClearKeyBesideEncryptedOnes(IXmlRepository inner) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => inner.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        if (inner.GetAllElements().Any(e => e.Descendants().Any(d => d.Name.LocalName == "encryptedSecret")))
            throw new InvalidOperationException(
                $"The shared key ring is encrypted with a certificate and this node has none: set {KeyRing.Section}:Certificate " +
                "(and CertificatePassword) as on the other nodes. No key was written.");
        inner.StoreElement(element, friendlyName);
    }
}
