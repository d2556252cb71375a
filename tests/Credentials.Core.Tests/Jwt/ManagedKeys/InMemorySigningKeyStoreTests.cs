using Credentials.Jwt;
using Credentials.Testing;

namespace Credentials.Core.Tests.Jwt.ManagedKeys;

public sealed class InMemorySigningKeyStoreTests : SigningKeyStoreContractTests
{
    protected override Task<ISigningKeyStore> CreateStoreAsync() => Task.FromResult<ISigningKeyStore>(new InMemorySigningKeyStore());
}
