using Credentials.Jwt;
using static Credentials.Core.Tests.Jwt.ManagedKeys.ManagedKeysTestKit;

namespace Credentials.Core.Tests.Jwt.ManagedKeys;

public sealed class SigningKeyScheduleTests
{
    private static readonly DateTimeOffset T0 = JwtTestKit.Start;
    private static readonly TimeSpan Retention = Lifetime + ClockSkew;
    private static readonly SigningKeySchedule Schedule = new(Propagation, Rotation, Retention);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void DueSuccessor_NoKeys_FirstKeySignsAtOnce() =>
        Schedule.DueSuccessor([], T0).Should().Be((1L, T0));

    [Fact]
    public void DueSuccessor_JustBeforePropagationAheadOfRotationEnd_IsNull() =>
        Schedule.DueSuccessor([Key(1, T0)], T0 + Rotation - Propagation - Tick).Should().BeNull();

    [Fact]
    public void DueSuccessor_AtPropagationAheadOfRotationEnd_SignsWhenTheRotationEnds() =>
        Schedule.DueSuccessor([Key(1, T0)], T0 + Rotation - Propagation).Should().Be((2L, T0 + Rotation));

    [Fact]
    public void DueSuccessor_MadeAfterTheRotationEnded_SignsAFullPropagationTimeLater()
    {
        var late = T0 + Rotation + TimeSpan.FromDays(10);

        Schedule.DueSuccessor([Key(1, T0)], late).Should().Be((2L, late + Propagation));
    }

    [Fact]
    public void DueSuccessor_SuccessorAlreadyMade_IsNull() =>
        Schedule.DueSuccessor([Key(1, T0), Key(2, T0 + Rotation)], T0 + Rotation - Propagation).Should().BeNull();

    [Fact]
    public void States_BeforeActivation_SuccessorPendingAndPredecessorActive()
    {
        var states = Schedule.States([Key(1, T0), Key(2, T0 + Rotation)], T0 + Rotation - Tick, out var next);

        states.Should().Equal((JwtKeyState.Active, (DateTimeOffset?)null), (JwtKeyState.Pending, (DateTimeOffset?)null));
        next.Should().Be(T0 + Rotation);
    }

    [Fact]
    public void States_AtActivation_SuccessorActiveAndPredecessorRetiringForLifetimePlusSkew()
    {
        var states = Schedule.States([Key(1, T0), Key(2, T0 + Rotation)], T0 + Rotation, out var next);

        states.Should().Equal((JwtKeyState.Retiring, (DateTimeOffset?)(T0 + Rotation + Retention)), (JwtKeyState.Active, (DateTimeOffset?)null));
        next.Should().Be(T0 + Rotation + Retention);
    }

    [Fact]
    public void Expired_JustBeforeRetirement_IsEmpty() =>
        Schedule.Expired([Key(1, T0), Key(2, T0 + Rotation)], T0 + Rotation + Retention - Tick).Should().BeEmpty();

    [Fact]
    public void Expired_AtRetirement_IsThePredecessor() =>
        Schedule.Expired([Key(1, T0), Key(2, T0 + Rotation)], T0 + Rotation + Retention).Select(k => k.Generation).Should().Equal(1);

    [Fact]
    public void Expired_SuccessorStillPending_IsEmptyHoweverLate() =>
        Schedule.Expired([Key(1, T0), Key(2, T0 + TimeSpan.FromDays(900))], T0 + TimeSpan.FromDays(800)).Should().BeEmpty();

    private static StoredSigningKey Key(long generation, DateTimeOffset activatesAt) => new()
    {
        Generation = generation,
        KeyId = $"kid-{generation}",
        Algorithm = "ES256",
        CreatedAt = activatesAt - Propagation,
        ActivatesAt = activatesAt,
        ProtectedPrivateKey = [1, 2, 3],
    };
}
