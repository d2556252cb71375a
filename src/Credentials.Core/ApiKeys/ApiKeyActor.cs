namespace Credentials.ApiKeys;

/// <summary>
/// Who asks for an API key action (create, list, activate, deactivate, roll, delete, issue a web token) and what it
/// holds. <see cref="IApiKeyService"/> decides every such action from the actor, in one place: a user manages its own
/// keys; an API key manages keys only through <see cref="ApiKeyPermissions.Manage"/> or
/// <see cref="ApiKeyPermissions.ManageOwn"/>, and never a key that grants more than itself; a web token or a secret in
/// its grace period never manages keys.
/// </summary>
public sealed class ApiKeyActor
{
    private ApiKeyActor(ApiKeyActorKind kind, string userId, IReadOnlyList<string> permissions, ApiKeyVerificationResult? key)
    {
        Kind = kind;
        UserId = userId;
        Permissions = permissions;
        Key = key;
    }

    /// <summary>User, API key or web token.</summary>
    public ApiKeyActorKind Kind { get; }

    /// <summary>The user acting: the signed-in user, or the owner of the key the request presented.</summary>
    public string UserId { get; }

    /// <summary>What the actor holds: the user's permissions, or the key's grant (its permissions within its owner's).</summary>
    public IReadOnlyList<string> Permissions { get; }

    /// <summary>For an API key or web token actor: the verification that accepted it, with the key's record as it was then.</summary>
    public ApiKeyVerificationResult? Key { get; }

    /// <summary>True for an API key presented by its current secret: the only kind of key actor that may manage keys.</summary>
    public bool IsCurrentKeySecret => Kind == ApiKeyActorKind.ApiKey && Key?.Presentation == ApiKeyPresentation.CurrentSecret;

    /// <summary>A signed-in user with the permissions it holds (for example from its JWT's claims).</summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="permissions">The permissions the user holds.</param>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is null or blank.</exception>
    public static ApiKeyActor User(string userId, IEnumerable<string>? permissions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new ApiKeyActor(ApiKeyActorKind.User, userId, [.. permissions ?? []], null);
    }

    /// <summary>
    /// The API key (or web token) a request presented, from the result of <see cref="IApiKeyService.VerifyAsync(string?, CancellationToken)"/> or
    /// <see cref="IApiKeyService.VerifyWebTokenAsync"/>. Its permissions are the key's grant, and how it was presented
    /// is kept: a grace secret or a web token never manages keys.
    /// </summary>
    /// <param name="verified">An accepted verification.</param>
    /// <exception cref="ArgumentException"><paramref name="verified"/> did not succeed.</exception>
    public static ApiKeyActor ApiKey(ApiKeyVerificationResult verified)
    {
        ArgumentNullException.ThrowIfNull(verified);
        if (!verified.Succeeded)
        {
            throw new ArgumentException("Only an accepted API key or web token can act.", nameof(verified));
        }

        var kind = verified.Presentation == ApiKeyPresentation.WebToken ? ApiKeyActorKind.WebToken : ApiKeyActorKind.ApiKey;
        return new ApiKeyActor(kind, verified.OwnerId, verified.Permissions, verified);
    }

    /// <summary>The kind, the user and, for keys, the key's uuid; never a secret.</summary>
    public override string ToString() => Key?.Key is { } record
        ? $"ApiKeyActor {{ Kind = {Kind}, UserId = {UserId}, ApiKey = {record.Uuid}, Presentation = {Key.Presentation} }}"
        : $"ApiKeyActor {{ Kind = {Kind}, UserId = {UserId} }}";
}
