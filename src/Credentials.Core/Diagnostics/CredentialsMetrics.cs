using System.Diagnostics.Metrics;

namespace Credentials.Diagnostics;

/// <summary>
/// The library's counters, on a <see cref="Meter"/> named after the package. Tags are a fixed, small set
/// (kind, reason) so the metric's cardinality stays bounded whatever callers send.
/// </summary>
internal sealed class CredentialsMetrics
{
    public const string MeterName = "Credentials.Core";

    private readonly Counter<long> _issued;
    private readonly Counter<long> _verified;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _keyUses;

    public CredentialsMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _issued = meter.CreateCounter<long>("credentials.issued", description: "Credentials issued, by kind.");
        _verified = meter.CreateCounter<long>("credentials.verified", description: "Credentials presented and accepted, by kind.");
        _rejected = meter.CreateCounter<long>("credentials.rejected", description: "Credentials presented and rejected, by kind and reason.");
        _cacheLookups = meter.CreateCounter<long>(
            "credentials.verification_cache.lookups", description: "Lookups in the API key verification cache, by outcome (hit or miss).");
        _keyUses = meter.CreateCounter<long>(
            "credentials.api_key.uses", description: "Accepted verifications of each API key, by key uuid; only when the host switches the per-key usage metric on.");
    }

    // Each count also tags the operation's activity (CredentialsTracing), so traces and metrics always agree.
    public void Issued(CredentialKind kind)
    {
        _issued.Add(1, new KeyValuePair<string, object?>("kind", CredentialTags.Of(kind)));
        CredentialsTracing.Record("issued");
    }

    public void Verified(CredentialKind kind)
    {
        _verified.Add(1, new KeyValuePair<string, object?>("kind", CredentialTags.Of(kind)));
        CredentialsTracing.Record("verified");
    }

    /// <param name="kind">What was presented.</param>
    /// <param name="reason">A constant from the result's reason enum, never caller input.</param>
    public void Rejected(CredentialKind kind, string reason)
    {
        _rejected.Add(
            1,
            new KeyValuePair<string, object?>("kind", CredentialTags.Of(kind)),
            new KeyValuePair<string, object?>("reason", reason));
        CredentialsTracing.Record("rejected", reason);
    }

    /// <summary>Counts a verification cache lookup; a miss is followed by one store read.</summary>
    public void CacheLookup(bool hit) =>
        _cacheLookups.Add(1, new KeyValuePair<string, object?>("outcome", hit ? "hit" : "miss"));

    /// <summary>Counts one accepted verification of the key (opt-in: one series per key in use).</summary>
    /// <param name="uuid">The key's public uuid, never its secret or hash.</param>
    public void KeyUsed(Guid uuid) =>
        _keyUses.Add(1, new KeyValuePair<string, object?>("api_key_uuid", uuid.ToString()));
}
