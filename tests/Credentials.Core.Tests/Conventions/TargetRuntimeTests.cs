namespace Credentials.Core.Tests.Conventions;

/// <summary>
/// Each build of a test project runs on the runtime it targets: the net8.0 build on .NET 8 itself (self-contained),
/// not rolled forward onto .NET 10, so ".NET 8 supported" is proven rather than assumed.
/// </summary>
public sealed class TargetRuntimeTests
{
    [Fact]
    public void Runtime_OfThisBuild_IsTheTargetedMajorVersion()
    {
#if NET10_0_OR_GREATER
        const int targeted = 10;
#else
        const int targeted = 8;
#endif
        Environment.Version.Major.Should().Be(targeted, "a test build runs on the runtime it targets");
    }
}
