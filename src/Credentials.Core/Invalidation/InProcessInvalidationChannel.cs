using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credentials.Invalidation;

/// <summary>
/// The default channel: this process is the only instance, so a message only needs delivering here. The logger is
/// optional, as every core service's is: a host without logging registered must still start.
/// </summary>
internal sealed class InProcessInvalidationChannel(ILogger<InProcessInvalidationChannel>? logger = null)
    : CredentialInvalidationChannel(logger ?? (ILogger)NullLogger.Instance)
{
    protected override ValueTask SendAsync(string envelope, CancellationToken cancellationToken) => default;
}
