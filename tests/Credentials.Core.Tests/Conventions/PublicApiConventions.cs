using System.Reflection;
using System.Runtime.CompilerServices;

namespace Credentials.Core.Tests.Conventions;

/// <summary>
/// Conventions the public surface of the assembly holding <typeparamref name="TMarker"/> keeps, checked by reflection so
/// a new type cannot forget them. Each library's test project closes this over one of its types (the file is linked).
/// </summary>
public abstract class PublicApiConventions<TMarker>
{
    private static readonly Assembly Library = typeof(TMarker).Assembly;

    public static TheoryData<Type> PublicTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in Library.GetExportedTypes())
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void PublicAsyncMethods_TakeCancellationTokenLast(Type type)
    {
        var offenders = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && IsAsync(m.ReturnType) && !m.Name.StartsWith("Dispose", StringComparison.Ordinal))
            .Where(m => m.GetParameters() is var p && (p.Length == 0 || p[^1].ParameterType != typeof(CancellationToken)))
            .Select(m => $"{type.Name}.{m.Name}");

        offenders.Should().BeEmpty("every public async method lets its caller cancel");
    }

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void PublicTypes_AreOutsideInternalNamespaces(Type type) =>
        (type.Namespace ?? string.Empty).Split('.').Should().NotContain("Internal");

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void PublicClasses_AreSealedAbstractOrStatic(Type type)
    {
        if (!type.IsClass || typeof(Delegate).IsAssignableFrom(type) || type.IsDefined(typeof(CompilerGeneratedAttribute)))
        {
            return;
        }

        (type.IsSealed || type.IsAbstract).Should().BeTrue($"{type.Name} is not designed for inheritance, so it is sealed");
    }

    [Fact]
    public void PublicSurface_IsNotEmpty() => Library.GetExportedTypes().Should().NotBeEmpty();

    private static bool IsAsync(Type returnType) =>
        returnType == typeof(Task) || returnType == typeof(ValueTask) ||
        (returnType.IsGenericType && returnType.GetGenericTypeDefinition() is var g &&
         (g == typeof(Task<>) || g == typeof(ValueTask<>) || g == typeof(IAsyncEnumerable<>)));
}
