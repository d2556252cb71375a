using Credentials.ApiKeys;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// The API key or web token that authenticated the request, as the handler verified it. Kept as a request feature,
/// not rebuilt from claims, so management and web-token issuing see how the key was presented and which secret it was.
/// </summary>
internal sealed class ApiKeyActorFeature(ApiKeyActor actor)
{
    public ApiKeyActor Actor { get; } = actor;
}
