using Microsoft.AspNetCore.DataProtection;

namespace Platform.Modules.Mail.Secrets;

/// <summary>
/// Mailbox passwords at rest: protected with the installation's Data Protection key ring (the Host's KeyRing: kept in
/// PostgreSQL, encrypted with a certificate when <c>Platform:DataProtection:Certificate</c> is set), so a dump of the
/// mail schema alone does not reveal them. They are never
/// returned by the API nor written to a log; only the reader and the sender unprotect them, to log in.
/// </summary>
internal sealed class MailSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Platform.Mail.AccountPasswords.v1");

    public string Protect(string password) => _protector.Protect(password);

    public string Unprotect(string protectedPassword) => _protector.Unprotect(protectedPassword);
}
