using Credentials.Jwt;
using Microsoft.AspNetCore.DataProtection;

namespace Credentials.AspNetCore.Jwt;

/// <summary>
/// Seals managed signing keys with ASP.NET Core Data Protection under a purpose of their own, so every instance that
/// shares the Data Protection key ring (persisted to a shared place and protected at rest, as Data Protection is
/// configured for a farm) opens what any of them sealed.
/// </summary>
internal sealed class DataProtectionSigningKeyProtector(IDataProtectionProvider provider) : ISigningKeyProtector
{
    /// <summary>The Data Protection purpose: a key sealed for anything else never opens here, nor the other way round.</summary>
    internal const string Purpose = "Credentials.Jwt.ManagedSigningKeys.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public ValueTask<byte[]> ProtectAsync(byte[] privateKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_protector.Protect(privateKey));

    public ValueTask<byte[]> UnprotectAsync(byte[] protectedPrivateKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_protector.Unprotect(protectedPrivateKey));
}
