using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Credentials.Secrets;

namespace Credentials.Core.Tests.Conventions;

/// <summary>
/// Every operation result has one shape: <c>Succeeded</c>, a nullable <c>*Failure</c> that is set exactly when it is
/// false, and a <c>ToString</c> of its own; every failure enum holds only reasons, numbered from 1.
/// </summary>
public sealed class ResultConventionTests
{
    private static readonly Type[] Exported = typeof(SecretHash).Assembly.GetExportedTypes();

    public static TheoryData<Type> Results() => [.. Exported.Where(t => t.IsClass && t.Name.EndsWith("Result", StringComparison.Ordinal))];

    public static TheoryData<Type> Failures() => [.. Exported.Where(t => t.IsEnum && t.Name.EndsWith("Failure", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Results))]
    public void Result_HasSucceededAndANullableFailure(Type result)
    {
        var failure = result.GetProperty("Failure");
        failure.Should().NotBeNull($"{result.Name} says why it failed");
        Nullable.GetUnderlyingType(failure!.PropertyType).Should().Match<Type?>(t => t != null && t.IsEnum && t.Name.EndsWith("Failure", StringComparison.Ordinal));

        var succeeded = result.GetProperty("Succeeded");
        succeeded!.PropertyType.Should().Be<bool>();
        succeeded.GetCustomAttributes<MemberNotNullWhenAttribute>()
            .Should().Contain(a => !a.ReturnValue && a.Members.SequenceEqual(new[] { "Failure" }), "a caller that checked Succeeded gets nullable help");
        succeeded.GetCustomAttributes<MemberNotNullWhenAttribute>().Should().Contain(a => a.ReturnValue);
    }

    [Theory]
    [MemberData(nameof(Results))]
    public void Result_OverridesToString(Type result) =>
        result.GetMethod(nameof(ToString), Type.EmptyTypes)!.DeclaringType.Should().Be(result, "its own ToString decides what is shown, never a secret");

    [Theory]
    [MemberData(nameof(Failures))]
    public void FailureEnum_NumbersItsReasonsFromOne(Type failure) =>
        Enum.GetValues(failure).Cast<int>().Should().Equal(Enumerable.Range(1, Enum.GetValues(failure).Length));

    [Theory]
    [MemberData(nameof(Failures))]
    public void FailureEnum_HoldsNoSuccess(Type failure) =>
        Enum.GetNames(failure).Should().NotContain(["None", "Valid", "Success", "Succeeded", "Created", "Rolled", "Issued"]);
}
