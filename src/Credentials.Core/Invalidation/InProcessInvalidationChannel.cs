using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credentials.Invalidation;

/// <summary>The default channel: this process is the only instance, so a message only needs delivering here.</summary>
/// <param name="logger">Optional, like every logger in Core: a host without logging registered still starts.</param>
internal sealed class InProcessInvalidationChannel(ILogger<InProcessInvalidationChannel>? logger = null)
    : CredentialInvalidationChannel(logger ?? NullLogger<InProcessInvalidationChannel>.Instance)
{
    protected override ValueTask SendAsync(string envelope, CancellationToken cancellationToken) => default;
}
