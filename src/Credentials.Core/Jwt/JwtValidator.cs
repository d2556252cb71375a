using System.Buffers;
using System.Text;
using System.Text.Json;
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
    // ES256 signatures are r || s, each an integer in [1, n-1] for the P-256 group order n (FIPS 186-4, D.1.2.3).
    // Real JOSE headers carry a handful of members. The header is read before the signature is checked, so a forger
    // could otherwise make every rejection pay for hundreds of duplicate checks.
    private const int MaxOtherHeaderMembers = 16;

    // After the signature check only signed claims are read; the bound just keeps the duplicate check linear-ish.
    private const int MaxOtherClaims = 256;

    private static readonly byte[] P256Order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    private readonly JwtKeyRing _ring;
    private readonly TimeProvider _time;
    private readonly CredentialsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ValidatedJwtCache? _cache;
    private readonly Policy _policy;

    public JwtValidator(IOptions<CredentialsOptions> options, JwtKeyRing ring, CredentialsMetrics metrics, ILogger<JwtValidator>? logger = null)
        : this(Policy.From(options.Value.Jwt), ring, metrics, logger, options.Value.Jwt.ValidatedTokenCacheSize)
    {
    }

    internal JwtValidator(Policy policy, JwtKeyRing ring, CredentialsMetrics metrics, ILogger? logger, int cacheSize)
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
        var result = ValidateToken(token);
        if (result.Succeeded)
        {
            _metrics.Verified(CredentialKind.Jwt);
        }
        else
        {
            _metrics.Rejected(CredentialKind.Jwt, ReasonTags.Of(result.Failure.Value));
            JwtLog.TokenRejected(_logger, result.Failure.Value);
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
            return ValidateUncached(token, nowMs, ring, fixedKey: null);
        }

        var hash = SecretHasher.Sha256(token);
        if (_cache.TryGet(hash, nowMs, ring.Version, out var cached))
        {
            return cached;
        }

        var result = ValidateUncached(token, nowMs, ring, fixedKey: null);
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
    /// Validates without the cache. <paramref name="fixedKey"/> replaces the <c>kid</c> lookup; only tests use it,
    /// for published example tokens that carry no <c>kid</c>.
    /// </summary>
    internal JwtValidationResult ValidateUncached(string token, long nowMs, JwtKeyRing.Snapshot ring, JwtSigningKey? fixedKey)
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

            var failure = ReadHeader(headerBytes, ring, out var algorithm, out var entry);
            if (failure is not null)
            {
                return JwtValidationResult.Failed(failure.Value);
            }

            if (fixedKey is not null)
            {
                entry = new JwtKeyRing.Entry(fixedKey, JwtKeyState.Active, null);
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
                (key.Algorithm == JwsAlgorithm.ES256 && !IsValidEcdsaSignature(signature)))
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

            return ReadClaims(payloadBytes, key.KeyId, nowMs);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private JwtValidationFailure? ReadHeader(ReadOnlySpan<byte> json, JwtKeyRing.Snapshot ring, out JwsAlgorithm? algorithm, out JwtKeyRing.Entry? entry)
    {
        algorithm = null;
        entry = null;
        var typeOk = false;
        var critical = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return JwtValidationFailure.Malformed;
            }

            var members = new MemberSet();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("alg"u8))
                {
                    if (!members.First(Member.Alg) || !reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return members.Failure ?? JwtValidationFailure.Malformed;
                    }

                    algorithm = reader.ValueTextEquals("HS256"u8) ? JwsAlgorithm.HS256
                        : reader.ValueTextEquals("ES256"u8) ? JwsAlgorithm.ES256
                        : reader.ValueTextEquals("RS256"u8) ? JwsAlgorithm.RS256
                        : null;
                }
                else if (reader.ValueTextEquals("kid"u8))
                {
                    if (!members.First(Member.Kid) || !reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return members.Failure ?? JwtValidationFailure.Malformed;
                    }

                    // Compared in place against the ring's few key ids: the kid is never turned into a string.
                    foreach (var candidate in ring.Entries)
                    {
                        if (reader.ValueTextEquals(candidate.Key.KeyIdUtf8))
                        {
                            entry = candidate;
                            break;
                        }
                    }
                }
                else if (reader.ValueTextEquals("typ"u8))
                {
                    if (!members.First(Member.Typ) || !reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return members.Failure ?? JwtValidationFailure.Malformed;
                    }

                    typeOk = reader.ValueTextEquals("JWT"u8) || reader.ValueTextEquals("jwt"u8) || reader.ValueTextEquals("application/jwt"u8);
                }
                else
                {
                    // crit, and everything else (jku, x5u, jwk, x5c included): read past, never used to find a key.
                    if (reader.ValueTextEquals("crit"u8))
                    {
                        critical = true;
                    }

                    if (!members.FirstOther(ref reader, MaxOtherHeaderMembers) || !reader.Read())
                    {
                        return members.Failure ?? JwtValidationFailure.Malformed;
                    }

                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return JwtValidationFailure.Malformed;
            }
        }
        catch (JsonException)
        {
            return JwtValidationFailure.Malformed;
        }

        // Order matters only for the reason reported; every one of these rejects.
        if (algorithm is null)
        {
            return JwtValidationFailure.AlgorithmNotAllowed;
        }

        if (critical)
        {
            return JwtValidationFailure.UnsupportedCriticalHeader;
        }

        if (!typeOk && _policy.RequireType)
        {
            return JwtValidationFailure.InvalidType;
        }

        return null;
    }

    private JwtValidationResult ReadClaims(ReadOnlySpan<byte> json, string keyId, long nowMs)
    {
        string? subject = null, name = null, email = null, tokenId = null;
        List<string>? permissions = null;
        double? expires = null, notBefore = null, issuedAt = null;
        bool issuerOk = false, audienceOk = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return JwtValidationResult.Failed(JwtValidationFailure.Malformed);
            }

            var members = new MemberSet();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = reader.ValueTextEquals("iss"u8) ? Member.Iss
                    : reader.ValueTextEquals("aud"u8) ? Member.Aud
                    : reader.ValueTextEquals("exp"u8) ? Member.Exp
                    : reader.ValueTextEquals("nbf"u8) ? Member.Nbf
                    : reader.ValueTextEquals("iat"u8) ? Member.Iat
                    : reader.ValueTextEquals("sub"u8) ? Member.Sub
                    : reader.ValueTextEquals("name"u8) ? Member.Name
                    : reader.ValueTextEquals("email"u8) ? Member.Email
                    : reader.ValueTextEquals("jti"u8) ? Member.Jti
                    : reader.ValueTextEquals("permissions"u8) ? Member.Permissions
                    : Member.Other;
                var first = member == Member.Other ? members.FirstOther(ref reader, MaxOtherClaims) : members.First(member);
                if (!first || !reader.Read())
                {
                    return JwtValidationResult.Failed(members.Failure ?? JwtValidationFailure.Malformed);
                }

                var ok = true;
                switch (member)
                {
                    case Member.Iss:
                        ok = reader.TokenType == JsonTokenType.String;
                        issuerOk = ok && reader.ValueTextEquals(_policy.Issuer);
                        break;
                    case Member.Aud:
                        var audience = new AudienceMatcher(_policy.Audience);
                        ok = VisitStrings(ref reader, ref audience);
                        audienceOk = audience.Matched;
                        break;
                    case Member.Exp:
                        ok = reader.TryGetNumericDate(out expires);
                        break;
                    case Member.Nbf:
                        ok = reader.TryGetNumericDate(out notBefore);
                        break;
                    case Member.Iat:
                        ok = reader.TryGetNumericDate(out issuedAt);
                        break;
                    case Member.Sub:
                        ok = reader.TryGetText(out subject);
                        break;
                    case Member.Name:
                        ok = reader.TryGetText(out name);
                        break;
                    case Member.Email:
                        ok = reader.TryGetText(out email);
                        break;
                    case Member.Jti:
                        ok = reader.TryGetText(out tokenId);
                        break;
                    case Member.Permissions:
                        var collector = new StringCollector([]);
                        ok = VisitStrings(ref reader, ref collector);
                        permissions = collector.Values;
                        break;
                    default:
                        reader.Skip();
                        break;
                }

                if (!ok)
                {
                    return JwtValidationResult.Failed(JwtValidationFailure.Malformed);
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return JwtValidationResult.Failed(JwtValidationFailure.Malformed);
            }
        }
        catch (JsonException)
        {
            return JwtValidationResult.Failed(JwtValidationFailure.Malformed);
        }

        var failure = CheckClaims(issuerOk, audienceOk, expires, notBefore, issuedAt, nowMs);
        if (failure is not null)
        {
            return JwtValidationResult.Failed(failure.Value);
        }

        return JwtValidationResult.Success(new ValidatedJwt
        {
            Subject = subject,
            Name = name,
            Email = email,
            TokenId = tokenId,
            Permissions = permissions ?? [],
            KeyId = keyId,
            IssuedAt = issuedAt is { } iat ? FromNumericDate(iat) : null,
            ExpiresAt = expires is { } exp ? FromNumericDate(exp) : DateTimeOffset.MaxValue,
        });
    }

    private JwtValidationFailure? CheckClaims(bool issuerOk, bool audienceOk, double? expires, double? notBefore, double? issuedAt, long nowMs)
    {
        if (!issuerOk)
        {
            return JwtValidationFailure.InvalidIssuer;
        }

        if (!audienceOk && _policy.Audience is not null)
        {
            return JwtValidationFailure.InvalidAudience;
        }

        if (!_policy.ValidateLifetime)
        {
            return null;
        }

        if (expires is not { } exp)
        {
            return JwtValidationFailure.MissingExpiration;
        }

        // RFC 7519 section 4.1.4: the current time must be before exp, so exp equal to now is expired.
        var now = nowMs / 1000.0;
        var skew = _policy.ClockSkewMs / 1000.0;
        if (now >= exp + skew)
        {
            return JwtValidationFailure.Expired;
        }

        if (notBefore > now + skew || issuedAt > now + skew)
        {
            return JwtValidationFailure.NotYetValid;
        }

        return null;
    }

    /// <summary>
    /// Visits a claim that is one string or an array of strings (<c>aud</c>, <c>permissions</c>); false for any other
    /// shape. A struct visitor keeps the hot path free of closures.
    /// </summary>
    private static bool VisitStrings<TVisitor>(ref Utf8JsonReader reader, ref TVisitor visitor)
        where TVisitor : struct, IStringVisitor
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            visitor.Visit(ref reader);
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            visitor.Visit(ref reader);
        }

        return true;
    }

    /// <summary>
    /// Rejects r or s equal to zero or not below the group order before the signature reaches the platform's
    /// verifier: the checks CVE-2022-21449 showed an implementation can forget.
    /// </summary>
    private static bool IsValidEcdsaSignature(ReadOnlySpan<byte> signature)
    {
        var r = signature[..32];
        var s = signature[32..];
        return !IsZero(r) && !IsZero(s) && r.SequenceCompareTo(P256Order) < 0 && s.SequenceCompareTo(P256Order) < 0;

        static bool IsZero(ReadOnlySpan<byte> value) => !value.ContainsAnyExcept((byte)0);
    }

    private static DateTimeOffset FromNumericDate(double seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Clamp(seconds * 1000, -62_135_596_800_000, 253_402_300_799_000));

    private static JwtValidationFailure EncodingFailure(string token) =>
        token.AsSpan().IndexOfAny('=', '+', '/') >= 0 ? JwtValidationFailure.NonCanonicalEncoding : JwtValidationFailure.Malformed;

    private static JwtValidationResult Failed(Base64UrlStatus status) => JwtValidationResult.Failed(
        status == Base64UrlStatus.NonCanonical ? JwtValidationFailure.NonCanonicalEncoding : JwtValidationFailure.Malformed);

    private interface IStringVisitor
    {
        void Visit(ref Utf8JsonReader reader);
    }

    private struct AudienceMatcher(byte[]? audience) : IStringVisitor
    {
        public bool Matched { get; private set; }

        public void Visit(ref Utf8JsonReader reader) => Matched |= audience is not null && reader.ValueTextEquals(audience);
    }

    private readonly struct StringCollector(List<string> values) : IStringVisitor
    {
        public List<string> Values { get; } = values;

        public void Visit(ref Utf8JsonReader reader) => Values.Add(reader.GetString()!);
    }

    private enum Member
    {
        Other = 0,
        Alg,
        Kid,
        Typ,
        Iss,
        Aud,
        Exp,
        Nbf,
        Iat,
        Sub,
        Name,
        Email,
        Jti,
        Permissions,
    }

    /// <summary>Tracks member names seen in one JSON object, so a repeated name is caught whatever it is.</summary>
    private struct MemberSet
    {
        private int _known;
        private List<string>? _others;

        public JwtValidationFailure? Failure { get; private set; }

        public bool First(Member member)
        {
            var bit = 1 << (int)member;
            if ((_known & bit) != 0)
            {
                Failure = JwtValidationFailure.DuplicateMember;
                return false;
            }

            _known |= bit;
            return true;
        }

        /// <summary>False (Malformed) past <paramref name="limit"/> other members, before the name is even read.</summary>
        public bool FirstOther(ref Utf8JsonReader reader, int limit)
        {
            if (_others?.Count >= limit)
            {
                return false;
            }

            var name = reader.GetString()!;
            _others ??= [];
            if (_others.Contains(name))
            {
                Failure = JwtValidationFailure.DuplicateMember;
                return false;
            }

            _others.Add(name);
            return true;
        }
    }

    /// <summary>What a token must satisfy, read once from the options.</summary>
    internal sealed record Policy(byte[] Issuer, byte[]? Audience, long ClockSkewMs, int MaxTokenLength, bool RequireType, bool ValidateLifetime)
    {
        public static Policy From(JwtOptions options) => new(
            Encoding.UTF8.GetBytes(options.Issuer ?? string.Empty),
            Encoding.UTF8.GetBytes(options.Audience ?? string.Empty),
            (long)options.ClockSkew.TotalMilliseconds,
            options.MaxTokenLength,
            RequireType: true,
            ValidateLifetime: true);
    }
}

/// <summary>Small typed reads for claims, each false when the JSON value has the wrong type.</summary>
internal static class ClaimReaderExtensions
{
    public static bool TryGetNumericDate(this ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var seconds) || !double.IsFinite(seconds))
        {
            return false;
        }

        value = seconds;
        return true;
    }

    public static bool TryGetText(this ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return value is not null;
    }
}
