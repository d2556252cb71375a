using System.Text.Json;

namespace Credentials.Jwt;

/// <summary>
/// Reads a JOSE header before the signature is checked: <c>alg</c>, <c>kid</c> (matched in place against the ring's
/// key ids), <c>typ</c> and <c>crit</c>, each member at most once. Every other member, <c>jku</c>, <c>x5u</c>,
/// <c>jwk</c> and <c>x5c</c> included, is read past and never used to find a key.
/// </summary>
internal static class JwsHeaderReader
{
    // Real JOSE headers carry a handful of members. The header is read before the signature is checked, so a forger
    // could otherwise make every rejection pay for hundreds of duplicate checks.
    private const int MaxOtherHeaderMembers = 16;

    /// <summary>Null when the header is acceptable; <paramref name="entry"/> is then the key <c>kid</c> names, if any.</summary>
    public static JwtValidationFailure? Read(ReadOnlySpan<byte> json, JwtKeyRingSnapshot ring, bool requireType, out JwsAlgorithm? algorithm, out JwtKeyRingEntry? entry)
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

            var members = new JsonMemberSet();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("alg"u8))
                {
                    if (!members.First(JoseMember.Alg) || !reader.Read() || reader.TokenType != JsonTokenType.String)
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
                    if (!members.First(JoseMember.Kid) || !reader.Read() || reader.TokenType != JsonTokenType.String)
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
                    if (!members.First(JoseMember.Typ) || !reader.Read() || reader.TokenType != JsonTokenType.String)
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

        if (!typeOk && requireType)
        {
            return JwtValidationFailure.InvalidType;
        }

        return null;
    }
}
