using System.Text.Json.Serialization;

#pragma warning disable CA1812 // Described in the OpenAPI document, never built (see LoginBodies.cs).
namespace Credentials.AspNetCore.Endpoints.Bodies;

/// <summary><c>{"message"}</c>: a refusal without field errors.</summary>
internal sealed class MessageBody
{
    [JsonPropertyName("message")]
    public string Message { get; init; } = string.Empty;
}

/// <summary><c>{"message", "error"}</c>: a refusal with a word a client can switch on (login's <c>two_factor_required</c>, <c>confirmation_required</c>).</summary>
internal sealed class MessageAndErrorBody
{
    [JsonPropertyName("message")]
    public string Message { get; init; } = string.Empty;

    [JsonPropertyName("error")]
    public string Error { get; init; } = string.Empty;
}

/// <summary><c>{"message", "errors": {"field": [...]}}</c>: a body that is too large (413), no JSON (400) or has wrong fields (422).</summary>
internal sealed class FieldErrorsBody
{
    [JsonPropertyName("message")]
    public string Message { get; init; } = string.Empty;

    [JsonPropertyName("errors")]
    public Dictionary<string, string[]> Errors { get; init; } = [];
}
