namespace Credentials.AspNetCore.Authentication;

/// <summary>A credential found in a request. <see cref="ToString"/> never prints the secret.</summary>
internal readonly record struct PresentedCredential(CredentialKind Kind, string Secret, CredentialTransport Transport)
{
    public override string ToString() => $"{Kind} from {Transport}";
}
