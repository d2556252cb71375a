using System.ComponentModel;
using System.Text.Json.Serialization;

#pragma warning disable CA1812 // Described in the OpenAPI document, never built (see LoginBodies.cs).
namespace Credentials.AspNetCore.Endpoints.Bodies;

/// <summary><c>GET /web-token</c>'s answer.</summary>
internal sealed class WebTokenResponseBody
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("data")]
    public WebTokenBody Data { get; init; } = new();
}

/// <summary>The issued web token: the key's only one, until it expires or the next is issued.</summary>
internal sealed class WebTokenBody
{
    [JsonPropertyName("token")]
    [Description("40 lowercase hex characters: Authorization: Bearer <token>, or ?token=<token> where the host allows it.")]
    public string Token { get; init; } = string.Empty;

    [JsonPropertyName("expiresAt")]
    [Description("Unix time in seconds (UTC).")]
    public long ExpiresAt { get; init; }
}

/// <summary><c>GET /web-token</c>'s refusal.</summary>
internal sealed class WebTokenFailureBody
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }

    [JsonPropertyName("message")]
    public string Message { get; init; } = string.Empty;
}
