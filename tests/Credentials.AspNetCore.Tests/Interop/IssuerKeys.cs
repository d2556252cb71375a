namespace Credentials.AspNetCore.Tests.Interop;

/// <summary>How an <see cref="IssuingHost"/> signs: keys it manages itself, or static keys rotated by hand (<c>AddKey</c>, <c>Activate</c>).</summary>
/// <param name="Managed">True for <c>UseManagedSigningKeys()</c>; false for configured keys.</param>
/// <param name="Algorithm"><c>ES256</c> or <c>RS256</c>.</param>
public sealed record IssuerKeys(bool Managed, string Algorithm)
{
    /// <summary>Readable in test names: "managed ES256".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{(Managed ? "managed" : "static")} {Algorithm}";
}
