using Credentials.Invalidation;
using Microsoft.Extensions.Logging;

namespace Credentials.Core.Tests.Invalidation;

/// <summary>A transport for tests: every channel on one bus receives every envelope, its own included, as pub/sub does.</summary>
internal sealed class LinkedChannel : CredentialInvalidationChannel
{
    private readonly List<LinkedChannel> _bus;

    public LinkedChannel(List<LinkedChannel> bus, ILogger logger)
        : base(logger)
    {
        _bus = bus;
        bus.Add(this);
    }

    public Exception? SendFault { get; set; }

    public void Inject(string raw) => Receive(raw);

    public void Reconnected() => Deliver(CredentialInvalidation.Everything);

    protected override ValueTask SendAsync(string envelope, CancellationToken cancellationToken)
    {
        if (SendFault is not null)
        {
            throw SendFault;
        }

        foreach (var channel in _bus)
        {
            channel.Receive(envelope);
        }

        return default;
    }
}
