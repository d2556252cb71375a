using System.Text.Json.Serialization;

#pragma warning disable CA1812 // Described in the OpenAPI document, never built (see LoginBodies.cs).
namespace Credentials.AspNetCore.Endpoints.Bodies;

/// <summary>The JWK set (RFC 7517 section 5) of the public signing keys.</summary>
internal sealed class JwkSetBody
{
    [JsonPropertyName("keys")]
    public JwkBody[] Keys { get; init; } = [];
}

/// <summary>One public key: EC members (<c>crv</c>, <c>x</c>, <c>y</c>) or RSA members (<c>n</c>, <c>e</c>).</summary>
internal sealed class JwkBody
{
    [JsonPropertyName("kty")]
    public string Kty { get; init; } = string.Empty;

    [JsonPropertyName("crv")]
    public string? Crv { get; init; }

    [JsonPropertyName("x")]
    public string? X { get; init; }

    [JsonPropertyName("y")]
    public string? Y { get; init; }

    [JsonPropertyName("n")]
    public string? N { get; init; }

    [JsonPropertyName("e")]
    public string? E { get; init; }

    [JsonPropertyName("use")]
    public string Use { get; init; } = string.Empty;

    [JsonPropertyName("alg")]
    public string Alg { get; init; } = string.Empty;

    [JsonPropertyName("kid")]
    public string Kid { get; init; } = string.Empty;
}
