namespace Credentials.ApiKeys;

/// <summary>
/// The one place that decides which keys an actor may manage (list, find, activate, deactivate, roll, delete).
/// Every path that manages keys asks here, so the rule cannot drift between them.
/// </summary>
internal static class ApiKeyManagementRule
{
    /// <summary>
    /// Whether the actor may create or manage keys at all, whatever its permissions: a user; an API key by its current
    /// secret, unless the key is metered. Never a web token or a grace secret (they would outlive, or reach past, what
    /// they were given), and never a metered key: the keys it created or rolled would carry none of its rate limits or
    /// credits, so one limited key could mint unlimited ones.
    /// </summary>
    public static bool MayActOnKeys(ApiKeyActor actor) => actor.Kind switch
    {
        ApiKeyActorKind.User => true,
        ApiKeyActorKind.ApiKey => actor.IsCurrentKeySecret && actor.Key?.Key is { Credits: null, RateLimits.Count: 0 },
        _ => false,
    };

    /// <summary>
    /// Whether the actor may manage keys at all: a user may (its own keys at least); an API key that may act on keys
    /// (<see cref="MayActOnKeys"/>) only with a manage permission.
    /// </summary>
    public static bool MayManageAny(ApiKeyActor actor) =>
        MayActOnKeys(actor) && (actor.Kind == ApiKeyActorKind.User || ApiKeyPermissions.Covers(actor.Permissions, ApiKeyPermissions.ManageOwn));

    /// <summary>
    /// Whether the actor may manage <paramref name="key"/>. A user manages its own keys; anyone else needs the scope
    /// (<c>api.keys.manage</c> for any owner, <c>api.keys.create</c> too for a user, <c>api.keys.manage.own</c> for a
    /// key's siblings) and may never touch a key that grants more than itself: a roll would hand it that key's secret.
    /// </summary>
    public static bool MayManage(ApiKeyActor actor, ApiKey key)
    {
        if (!MayManageAny(actor))
        {
            return false;
        }

        var sameOwner = string.Equals(actor.UserId, key.OwnerId, StringComparison.Ordinal);
        if (actor.Kind == ApiKeyActorKind.User && sameOwner)
        {
            return true;
        }

        var inScope = ApiKeyPermissions.Covers(actor.Permissions, ApiKeyPermissions.Manage) ||
            (actor.Kind == ApiKeyActorKind.User && ApiKeyPermissions.Covers(actor.Permissions, ApiKeyPermissions.Create)) ||
            (sameOwner && ApiKeyPermissions.Covers(actor.Permissions, ApiKeyPermissions.ManageOwn));
        return inScope && GrantsNoMoreThan(key, actor);
    }

    /// <summary>Whether the keys of <see cref="ApiKeyActor.UserId"/> that the actor may see include this one.</summary>
    public static bool MaySee(ApiKeyActor actor, ApiKey key) => actor.Kind == ApiKeyActorKind.User || GrantsNoMoreThan(key, actor);

    /// <summary>
    /// Whether the key grants nothing beyond the actor: no permission the actor lacks and, for an actor that is itself an
    /// expiring key, no life beyond its own (rolling a longer-lived sibling would hand it a longer-lived secret).
    /// </summary>
    private static bool GrantsNoMoreThan(ApiKey key, ApiKeyActor actor) =>
        ApiKeyPermissions.CoversAll(actor.Permissions, key.Permissions) &&
        (actor.Key?.Key?.ExpiresAt is not { } actorExpiry || key.ExpiresAt <= actorExpiry);
}
