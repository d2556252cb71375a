using System.Text.Json;

namespace Credentials.Jwt;

/// <summary>
/// Reads the claims of a token whose signature has verified, each member at most once, and checks them against the
/// <see cref="JwtValidationPolicy"/>.
/// </summary>
internal static class JwtClaimsReader
{
    // After the signature check only signed claims are read; the bound just keeps the duplicate check linear-ish.
    private const int MaxOtherClaims = 256;

    public static JwtValidationResult Read(ReadOnlySpan<byte> json, string keyId, long nowMs, JwtValidationPolicy policy)
    {
        string? subject = null, name = null, email = null, tokenId = null, sessionId = null;
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

            var members = new JsonMemberSet();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = reader.ValueTextEquals("iss"u8) ? JoseMember.Iss
                    : reader.ValueTextEquals("aud"u8) ? JoseMember.Aud
                    : reader.ValueTextEquals("exp"u8) ? JoseMember.Exp
                    : reader.ValueTextEquals("nbf"u8) ? JoseMember.Nbf
                    : reader.ValueTextEquals("iat"u8) ? JoseMember.Iat
                    : reader.ValueTextEquals("sub"u8) ? JoseMember.Sub
                    : reader.ValueTextEquals("name"u8) ? JoseMember.Name
                    : reader.ValueTextEquals("email"u8) ? JoseMember.Email
                    : reader.ValueTextEquals("jti"u8) ? JoseMember.Jti
                    : reader.ValueTextEquals("permissions"u8) ? JoseMember.Permissions
                    : reader.ValueTextEquals("sid"u8) ? JoseMember.Sid
                    : JoseMember.Other;
                var first = member == JoseMember.Other ? members.FirstOther(ref reader, MaxOtherClaims) : members.First(member);
                if (!first || !reader.Read())
                {
                    return JwtValidationResult.Failed(members.Failure ?? JwtValidationFailure.Malformed);
                }

                var ok = true;
                switch (member)
                {
                    case JoseMember.Iss:
                        ok = reader.TokenType == JsonTokenType.String;
                        issuerOk = ok && reader.ValueTextEquals(policy.Issuer);
                        break;
                    case JoseMember.Aud:
                        var audience = new AudienceMatcher(policy.Audience);
                        ok = VisitStrings(ref reader, ref audience);
                        audienceOk = audience.Matched;
                        break;
                    case JoseMember.Exp:
                        ok = reader.TryGetNumericDate(out expires);
                        break;
                    case JoseMember.Nbf:
                        ok = reader.TryGetNumericDate(out notBefore);
                        break;
                    case JoseMember.Iat:
                        ok = reader.TryGetNumericDate(out issuedAt);
                        break;
                    case JoseMember.Sub:
                        ok = reader.TryGetText(out subject);
                        break;
                    case JoseMember.Name:
                        ok = reader.TryGetText(out name);
                        break;
                    case JoseMember.Email:
                        ok = reader.TryGetText(out email);
                        break;
                    case JoseMember.Jti:
                        ok = reader.TryGetText(out tokenId);
                        break;
                    case JoseMember.Sid:
                        ok = reader.TryGetText(out sessionId);
                        break;
                    case JoseMember.Permissions:
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

        var failure = policy.CheckClaims(issuerOk, audienceOk, expires, notBefore, issuedAt, nowMs);
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
            SessionId = sessionId,
            Permissions = permissions ?? [],
            KeyId = keyId,
            IssuedAt = issuedAt is { } iat ? FromNumericDate(iat) : null,
            ExpiresAt = expires is { } exp ? FromNumericDate(exp) : DateTimeOffset.MaxValue,
        });
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

    private static DateTimeOffset FromNumericDate(double seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Clamp(seconds * 1000, -62_135_596_800_000, 253_402_300_799_000));

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
}
