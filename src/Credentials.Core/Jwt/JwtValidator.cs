using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Credentials.Diagnostics;
using Credentials.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Credentials.Jwt;

/// <summary>
/// Validates compact JWS tokens in one pass that rejects as early and as cheaply as it can: length first, then a
/// strict decode and a duplicate-aware read of the header, the key chosen by <c>kid</c> alone, the signature checked
/// with IdentityModel's signature provider for that key (no exception on a bad signature, so forgeries cost no more
/// than valid tokens), and only then the claims. Valid tokens are remembered by their SHA-256 until they expire.
/// </summary>
internal sealed class JwtValidator : IJwtValidator
{
    private readonly JwtKeyRing _ring;
    private readonly TimeProvider _time;
    private readonly CredentialsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ValidatedJwtCache? _cache;
    private readonly JwtValidationPolicy _policy;

    public JwtValidator(IOptions<CredentialsOptions> options, JwtKeyRing ring, CredentialsMetrics metrics, ILogger<JwtValidator>? logger = null)
        : this(JwtValidationPolicy.From(options.Value.Jwt), ring, metrics, logger, options.Value.Jwt.ValidatedTokenCacheSize)
    {
    }

    internal JwtValidator(JwtValidationPolicy policy, JwtKeyRing ring, CredentialsMetrics metrics, ILogger? logger, int cacheSize)
    {
        _policy = policy;
        _ring = ring;
        _time = ring.Time;
        _metrics = metrics;
        _logger = logger ?? NullLogger.Instance;
        _cache = cacheSize > 0 ? new ValidatedJwtCache(cacheSize) : null;
    }

    public JwtValidationResult Validate(string? token)
    {
        using var activity = CredentialsTracing.Start("credentials.verify", CredentialKind.Jwt);
        var result = ValidateToken(token);
        if (result.Succeeded)
        {
            _metrics.Verified(CredentialKind.Jwt);
        }
        else
        {
            var reason = CredentialTags.Of(result.Failure.Value);
            _metrics.Rejected(CredentialKind.Jwt, reason);
            JwtLog.TokenRejected(_logger, reason);
        }

        return result;
    }

    private JwtValidationResult ValidateToken(string? token)
    {
        if (!_ring.IsConfigured)
        {
            return JwtValidationResult.Failed(JwtValidationFailure.NotConfigured);
        }

        if (string.IsNullOrEmpty(token))
        {
            return JwtValidationResult.Failed(JwtValidationFailure.Malformed);
        }

        if (token.Length > _policy.MaxTokenLength)
        {
            return JwtValidationResult.Failed(JwtValidationFailure.TooLarge);
        }

        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var ring = _ring.Current;
        if (_cache is null)
        {
            return ValidateWithRefresh(token, nowMs, ref ring);
        }

        var hash = SecretHasher.Sha256(token);
        if (_cache.TryGet(hash, nowMs, ring.Version, out var cached))
        {
            return cached;
        }

        var result = ValidateWithRefresh(token, nowMs, ref ring);
        if (result.Succeeded)
        {
            // A retiring key may retire before the token expires; the remembered result must not outlive the key.
            var until = result.Token.ExpiresAt.ToUnixTimeMilliseconds() + _policy.ClockSkewMs;
            if (ring.Find(result.Token.KeyId)?.RetiresAt is { } retiresAt)
            {
                until = Math.Min(until, retiresAt.ToUnixTimeMilliseconds());
            }

            _cache.Add(hash, result, until, ring.Version);
        }

        return result;
    }

    /// <summary>
    /// Validates without the cache. A <c>kid</c> the ring does not hold may name a managed key another instance has
    /// just made: the ring reloads once (rate-limited) and the token is tried against the reloaded keys.
    /// </summary>
    private JwtValidationResult ValidateWithRefresh(string token, long nowMs, ref JwtKeyRingSnapshot ring)
    {
        var result = ValidateUncached(token, nowMs, ring, fixedKey: null);
        if (result.Failure == JwtValidationFailure.UnknownKey && _ring.RefreshForUnknownKey() is { } refreshed)
        {
            ring = refreshed;
            result = ValidateUncached(token, nowMs, ring, fixedKey: null);
        }

        return result;
    }

    /// <summary>
    /// Validates without the cache. <paramref name="fixedKey"/> replaces the <c>kid</c> lookup; only tests use it,
    /// for published example tokens that carry no <c>kid</c>.
    /// </summary>
    internal JwtValidationResult ValidateUncached(string token, long nowMs, JwtKeyRingSnapshot ring, JwtSigningKey? fixedKey)
    {
        var dot1 = token.IndexOf('.', StringComparison.Ordinal);
        var dot2 = dot1 < 0 ? -1 : token.IndexOf('.', dot1 + 1);
        // An empty signature (the alg "none" shape) gets past here so the header decides the reason.
        if (dot1 <= 0 || dot2 <= dot1 + 1 || token.IndexOf('.', dot2 + 1) >= 0)
        {
            return JwtValidationResult.Failed(JwtValidationFailure.Malformed);
        }

        var headerText = token.AsSpan(0, dot1);
        var payloadText = token.AsSpan(dot1 + 1, dot2 - dot1 - 1);
        var signatureText = token.AsSpan(dot2 + 1);
        int headerLength = JoseBase64Url.DecodedLength(headerText.Length),
            payloadLength = JoseBase64Url.DecodedLength(payloadText.Length),
            signatureLength = JoseBase64Url.DecodedLength(signatureText.Length);
        if ((headerLength | payloadLength | signatureLength) < 0)
        {
            return JwtValidationResult.Failed(EncodingFailure(token));
        }

        // One rented buffer holds the signing input (the ASCII of header.payload) and the decoded parts.
        var buffer = ArrayPool<byte>.Shared.Rent(dot2 + headerLength + payloadLength + signatureLength);
        try
        {
            var headerBytes = buffer.AsSpan(dot2, headerLength);
            var status = JoseBase64Url.Decode(headerText, headerBytes);
            if (status != Base64UrlStatus.Decoded)
            {
                return Failed(status);
            }

            // RFC 7515 wants UTF-8; the JSON reader does not check the strings it skips.
            if (!Utf8.IsValid(headerBytes))
            {
                return JwtValidationResult.Failed(JwtValidationFailure.Malformed);
            }

            var failure = JwsHeaderReader.Read(headerBytes, ring, _policy.RequireType, out var algorithm, out var entry);
            if (failure is not null)
            {
                return JwtValidationResult.Failed(failure.Value);
            }

            if (fixedKey is not null)
            {
                entry = new JwtKeyRingEntry(fixedKey, JwtKeyState.Active, null);
            }

            if (entry is null)
            {
                return JwtValidationResult.Failed(JwtValidationFailure.UnknownKey);
            }

            if (JwtKeyRing.StateAt(entry, DateTimeOffset.FromUnixTimeMilliseconds(nowMs)) == JwtKeyState.Retired)
            {
                return JwtValidationResult.Failed(JwtValidationFailure.KeyRetired);
            }

            var key = entry.Key;
            if (algorithm != key.Algorithm)
            {
                return JwtValidationResult.Failed(JwtValidationFailure.AlgorithmMismatch);
            }

            var signatureOffset = dot2 + headerLength + payloadLength;
            status = JoseBase64Url.Decode(signatureText, buffer.AsSpan(signatureOffset, signatureLength));
            if (status != Base64UrlStatus.Decoded)
            {
                return Failed(status);
            }

            var signature = buffer.AsSpan(signatureOffset, signatureLength);
            if (signatureLength != key.SignatureLength ||
                (key.Algorithm == JwsAlgorithm.ES256 && !Es256Signature.HasScalarsInRange(signature)))
            {
                return JwtValidationResult.Failed(JwtValidationFailure.InvalidSignature);
            }

            // Decoding is cheap next to a signature check, so a garbled payload is refused before one.
            var payloadBytes = buffer.AsSpan(dot2 + headerLength, payloadLength);
            status = JoseBase64Url.Decode(payloadText, payloadBytes);
            if (status != Base64UrlStatus.Decoded)
            {
                return Failed(status);
            }

            Encoding.ASCII.GetBytes(token.AsSpan(0, dot2), buffer);

            // Given an offset into a larger array, IdentityModel's providers rejected valid signatures: pass an exact one.
            if (!key.Verifier.Verify(buffer, 0, dot2, signature.ToArray(), 0, signatureLength))
            {
                return JwtValidationResult.Failed(JwtValidationFailure.InvalidSignature);
            }

            if (!Utf8.IsValid(payloadBytes))
            {
                return JwtValidationResult.Failed(JwtValidationFailure.Malformed);
            }

            return JwtClaimsReader.Read(payloadBytes, key.KeyId, nowMs, _policy);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JwtValidationFailure EncodingFailure(string token) =>
        token.AsSpan().IndexOfAny('=', '+', '/') >= 0 ? JwtValidationFailure.NonCanonicalEncoding : JwtValidationFailure.Malformed;

    private static JwtValidationResult Failed(Base64UrlStatus status) => JwtValidationResult.Failed(
        status == Base64UrlStatus.NonCanonical ? JwtValidationFailure.NonCanonicalEncoding : JwtValidationFailure.Malformed);
}
