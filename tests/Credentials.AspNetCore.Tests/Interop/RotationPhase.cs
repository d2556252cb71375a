namespace Credentials.AspNetCore.Tests.Interop;

/// <summary>
/// The moments of one signing-key rotation that a JWKS consumer must live through, on the issuing host's fake clock
/// (the key that signed first has signed since the start): the defaults announce a successor 2 days before it signs,
/// switch after 30 days and drop the old key 7 days 30 s after the switch.
/// </summary>
public enum RotationPhase
{
    /// <summary>Day 27: one key, signing.</summary>
    Before,

    /// <summary>Day 29: the successor is published but the old key still signs.</summary>
    Announced,

    /// <summary>Day 30 plus an hour: the successor signs; the old key is still published for its tokens.</summary>
    Switched,

    /// <summary>Day 37 plus half an hour: every token of the old key has expired and the key has left the JWKS.</summary>
    Retired,
}
