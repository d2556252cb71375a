using Credentials.Sessions;
using Credentials.Testing;

namespace Credentials.Core.Tests.Sessions;

public sealed class InMemorySessionStoreTests : SessionStoreContractTests
{
    protected override int ConcurrentRefreshes => 64;

    protected override Task<ISessionStore> CreateStoreAsync() => Task.FromResult<ISessionStore>(new InMemorySessionStore());
}
