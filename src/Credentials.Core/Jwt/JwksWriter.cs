using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Credentials.Jwt;

/// <summary>Writes a key ring's public keys as a JWKS document (RFC 7517 section 5).</summary>
internal static class JwksWriter
{
    /// <summary>
    /// The public keys that are pending, active or retiring at <paramref name="now"/>. HMAC keys are secrets and never
    /// appear; no private member is ever written.
    /// </summary>
    public static string Write(JwtKeyRingSnapshot ring, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var entry in ring.Entries)
            {
                if (entry.Key.PublicMembers.Count == 0 || JwtKeyRing.StateAt(entry, now) == JwtKeyState.Retired)
                {
                    continue;
                }

                writer.WriteStartObject();
                foreach (var (name, value) in entry.Key.PublicMembers)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteString("use", "sig");
                writer.WriteString("alg", entry.Key.AlgorithmName);
                writer.WriteString("kid", entry.Key.KeyId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
