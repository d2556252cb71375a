using Credentials.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Identity;

/// <summary>
/// A user's current security stamp, read through a fresh scope's <see cref="UserManager{TUser}"/> (the session service
/// is a singleton; Identity's stores are scoped). Asked only when a session is read from its store, not per request.
/// </summary>
internal sealed class IdentitySecurityStampSource<TUser>(IServiceScopeFactory scopes) : ISecurityStampSource
    where TUser : class
{
    public async ValueTask<string?> FindSecurityStampAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TUser>>();
            var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
            return user is null || !users.SupportsUserSecurityStamp ? null : await users.GetSecurityStampAsync(user).ConfigureAwait(false);
        }
    }
}
