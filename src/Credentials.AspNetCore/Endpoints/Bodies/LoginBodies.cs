using System.ComponentModel;
using System.Text.Json.Serialization;

// The bodies the login and session endpoints read and write, for OpenAPI documents only: the endpoints read bodies by
// hand (JsonBody) and write them as they always have. EndpointDocumentationTests compares these with real answers.
#pragma warning disable CA1812 // Described in the OpenAPI document, never built.
namespace Credentials.AspNetCore.Endpoints.Bodies;

/// <summary><c>POST /auth/login</c>'s body.</summary>
internal sealed class LoginRequestBody
{
    [JsonPropertyName("username")]
    [JsonRequired]
    public string Username { get; init; } = string.Empty;

    [JsonPropertyName("password")]
    [JsonRequired]
    public string Password { get; init; } = string.Empty;
}

/// <summary><c>POST /auth/refresh</c>'s body.</summary>
internal sealed class RefreshRequestBody
{
    [JsonPropertyName("refresh_token")]
    [JsonRequired]
    public string RefreshToken { get; init; } = string.Empty;
}

/// <summary>What login and refresh answer.</summary>
internal sealed class TokenResponseBody
{
    [JsonPropertyName("username")]
    public string Username { get; init; } = string.Empty;

    [JsonPropertyName("token")]
    [Description("A JWT: Authorization: Bearer <token>, or ?token=<token> where the host allows it.")]
    public string Token { get; init; } = string.Empty;

    [JsonPropertyName("refresh_token")]
    [Description("Only when the host turned refresh tokens on (Credentials:Sessions:EnableRefreshTokens); POST it to /auth/refresh.")]
    public string? RefreshToken { get; init; }
}
