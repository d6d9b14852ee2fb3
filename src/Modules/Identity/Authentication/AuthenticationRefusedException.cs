namespace Platform.Modules.Identity.Authentication;

/// <summary>
/// A credential that was understood and refused (a revoked session, an unknown API key). Its
/// message is safe to show: the 401 problem's detail says it.
/// </summary>
internal sealed class AuthenticationRefusedException(string detail) : Exception(detail)
{
    public const string Revoked = "Your account is blocked, or this session was signed out everywhere. Sign in again.";
    public const string InvalidApiKey = "The API key is not valid: it is wrong, or it was replaced by a newer key.";
}
