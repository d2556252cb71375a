using Credentials.Diagnostics;
using Credentials.Invalidation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credentials.Jwt;

/// <summary>
/// The JWT signing keys: one active key signs, pending and retiring keys validate, retired keys do neither. Rotate
/// without logging anybody out: <see cref="AddKey"/> a new key (pending, so it is published first), later
/// <see cref="Activate"/> it (the old active key starts retiring and keeps validating its tokens until they have
/// expired), and <see cref="Retire"/> a key at once when it is compromised. Thread-safe: changes swap an immutable
/// snapshot that validation reads without locking. A host that set none of <c>Credentials:Jwt</c> gets an empty ring:
/// it publishes no keys and cannot sign. With managed keys (<c>UseManagedSigningKeys()</c>) the ring follows an
/// <see cref="ISigningKeyStore"/> instead, and the methods that change keys by hand refuse.
/// </summary>
public sealed class JwtKeyRing
{
    internal const string NotConfiguredMessage =
        "JWTs are not configured: set Credentials:Jwt:Issuer, Credentials:Jwt:Audience and a signing key (Credentials:Jwt:SigningKeys), or Credentials:Jwt:UseDevelopmentSigningKey in development.";

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _retireAfter;
    private readonly ILogger _logger;
    private readonly ManagedSigningKeys? _managed;
    private volatile JwtKeyRingSnapshot _snapshot;

    internal JwtKeyRing(
        JwtOptions options,
        TimeProvider time,
        ILogger<JwtKeyRing>? logger = null,
        ISigningKeyStore? store = null,
        ISigningKeyProtector? protector = null,
        ICredentialInvalidationChannel? channel = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Not throwing here keeps a host without JWT settings serving: the handler and the endpoints depend on the ring.
        IsConfigured = options.IsConfigured;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _retireAfter = options.Lifetime + options.ClockSkew;
        var entries = new List<JwtKeyRingEntry>();
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            var configured = options.SigningKeys[i];
            var setting = $"Credentials:Jwt:SigningKeys:{i}";
            // Start-up validation reports the same messages first; these guard a ring built without it.
            if (!JwtSigningKeyLoader.TryLoad(configured, setting, out var key, out var error))
            {
                throw new InvalidOperationException(error);
            }

            if (configured.State == JwtKeyState.Retiring && configured.RetiresAt is null)
            {
                throw new InvalidOperationException(JwtOptionsValidator.RetiresAtRequired(setting));
            }

            // The configured instant, not the start time: a restart must not push a retiring key's end further out.
            entries.Add(new JwtKeyRingEntry(key!, configured.State, configured.State == JwtKeyState.Retiring ? configured.RetiresAt : null));
            JwtLog.KeyLoaded(_logger, key!.KeyId, key.AlgorithmName, configured.State);
        }

        if (entries.Count == 0 && options.UseDevelopmentSigningKey)
        {
            var key = JwtSigningKeyLoader.CreateDevelopmentKey();
            entries.Add(new JwtKeyRingEntry(key, JwtKeyState.Active, null));
            JwtLog.DevelopmentKeyInUse(_logger, key.KeyId);
        }

        _snapshot = new JwtKeyRingSnapshot([.. entries], 0);
        if (options.ManagedSigningKeys.Enabled)
        {
            _managed = new ManagedSigningKeys(
                options,
                _snapshot.Entries,
                store ?? throw new InvalidOperationException("Managed signing keys need an ISigningKeyStore."),
                protector ?? throw new InvalidOperationException("Managed signing keys need an ISigningKeyProtector."),
                time,
                _logger,
                channel);
        }
    }

    /// <summary>The <c>kid</c> of the key that signs new tokens.</summary>
    /// <exception cref="InvalidOperationException">No key is active, or JWTs are not configured.</exception>
    public string CurrentKeyId => Current.Active?.Key.KeyId ?? throw new InvalidOperationException(ActiveKeyMissingMessage);

    /// <summary>False when the host set none of <c>Credentials:Jwt</c>: the ring is empty and stays so.</summary>
    internal bool IsConfigured { get; }

    internal string ActiveKeyMissingMessage => IsConfigured ? "No JWT signing key is active." : NotConfiguredMessage;

    /// <summary>The keys now: with managed keys, reloaded from the store when stale.</summary>
    internal JwtKeyRingSnapshot Current => _managed?.Current() ?? _snapshot;

    internal TimeProvider Time => _time;

    /// <summary>Every key the ring holds and its state now.</summary>
    public IReadOnlyList<JwtKeyInfo> GetKeys()
    {
        var now = _time.GetUtcNow();
        return [.. Current.Entries.Select(e => new JwtKeyInfo(e.Key.KeyId, e.Key.AlgorithmName, StateAt(e, now)) { ActivatesAt = e.ActivatesAt })];
    }

    /// <summary>
    /// Adds a key as <see cref="JwtKeyState.Pending"/>: published and accepted, not yet signing.
    /// </summary>
    /// <returns>The new key's <c>kid</c>.</returns>
    /// <exception cref="ArgumentException">The key cannot be read, or the ring already holds it.</exception>
    /// <exception cref="InvalidOperationException">JWTs are not configured, so there is no issuer or audience to sign for.</exception>
    public string AddKey(JwtSigningKeyOptions key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfManaged();
        if (!IsConfigured)
        {
            throw new InvalidOperationException(NotConfiguredMessage);
        }

        if (!JwtSigningKeyLoader.TryLoad(key, "key", out var loaded, out var error))
        {
            throw new ArgumentException(error, nameof(key));
        }

        lock (_gate)
        {
            var current = _snapshot;
            if (current.Find(loaded!.KeyId) is not null)
            {
                throw new ArgumentException($"The ring already holds key '{loaded.KeyId}'.", nameof(key));
            }

            _snapshot = new JwtKeyRingSnapshot([.. current.Entries, new JwtKeyRingEntry(loaded, JwtKeyState.Pending, null)], current.Version + 1);
        }

        JwtLog.KeyStateChanged(_logger, loaded.KeyId, JwtKeyState.Pending);
        return loaded.KeyId;
    }

    /// <summary>
    /// Makes <paramref name="keyId"/> the signing key; the key that signed until now starts retiring.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key is unknown, retired, or has no private part.</exception>
    public void Activate(string keyId)
    {
        ThrowIfManaged();
        lock (_gate)
        {
            var current = _snapshot;
            var now = _time.GetUtcNow();
            var target = current.Find(keyId) ?? throw new InvalidOperationException($"The ring holds no key '{keyId}'.");
            if (StateAt(target, now) == JwtKeyState.Retired || !target.Key.HasPrivateKey)
            {
                throw new InvalidOperationException($"Key '{keyId}' cannot sign: it is retired or has no private part.");
            }

            var entries = current.Entries.Select(e =>
                e == target ? e with { State = JwtKeyState.Active, RetiresAt = null }
                : e.State == JwtKeyState.Active ? e with { State = JwtKeyState.Retiring, RetiresAt = now + _retireAfter }
                : e);
            _snapshot = new JwtKeyRingSnapshot([.. entries], current.Version + 1);
        }

        JwtLog.KeyStateChanged(_logger, keyId, JwtKeyState.Active);
    }

    /// <summary>
    /// Retires <paramref name="keyId"/> now: tokens it signed are rejected from this moment, also those already
    /// validated and cached. Use it when a key is compromised.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key is unknown or is the active key (activate another first).</exception>
    public void Retire(string keyId)
    {
        ThrowIfManaged();
        lock (_gate)
        {
            var current = _snapshot;
            var target = current.Find(keyId) ?? throw new InvalidOperationException($"The ring holds no key '{keyId}'.");
            if (target.State == JwtKeyState.Active)
            {
                throw new InvalidOperationException($"Key '{keyId}' is the active key; activate another key before retiring it.");
            }

            var entries = current.Entries.Select(e => e == target ? e with { State = JwtKeyState.Retired } : e);
            _snapshot = new JwtKeyRingSnapshot([.. entries], current.Version + 1);
        }

        JwtLog.KeyStateChanged(_logger, keyId, JwtKeyState.Retired);
    }

    /// <summary>
    /// The JWKS document (RFC 7517 section 5) of the public keys that are pending, active or retiring. HMAC keys are
    /// secrets and never appear; no private member is ever written.
    /// </summary>
    public string ExportJwks() => JwksWriter.Write(Current, _time.GetUtcNow());

    /// <summary>
    /// Managed keys only: reloads the keys from the store now, making or deleting a key if one is due. The ring does
    /// this by itself every <see cref="ManagedSigningKeyOptions.RefreshInterval"/>; a host may call it at start so the
    /// first request does not wait for the first load. A store fault is logged and the keys loaded before stay.
    /// </summary>
    /// <param name="cancellationToken">Cancels the reload.</param>
    /// <returns>A task that completes when the reload has.</returns>
    public Task RefreshAsync(CancellationToken cancellationToken) => _managed?.RefreshAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// Managed keys only: when a token names a key this instance does not hold, reloads once (rate-limited) in case
    /// another instance made it. The new snapshot, or null when nothing was reloaded or nothing changed.
    /// </summary>
    internal JwtKeyRingSnapshot? RefreshForUnknownKey() => _managed?.RefreshForUnknownKey();

    private void ThrowIfManaged()
    {
        if (_managed is not null)
        {
            throw new InvalidOperationException("The signing keys are managed automatically (UseManagedSigningKeys): they cannot be added, activated or retired by hand.");
        }
    }

    /// <summary>The state of <paramref name="entry"/> at <paramref name="now"/>: a retiring key counts as retired from its <see cref="JwtKeyRingEntry.RetiresAt"/>.</summary>
    internal static JwtKeyState StateAt(JwtKeyRingEntry entry, DateTimeOffset now) =>
        entry.State == JwtKeyState.Retiring && entry.RetiresAt <= now ? JwtKeyState.Retired : entry.State;
}
