using System.Reflection;
using System.Text;
using Credentials.ApiKeys;
using Credentials.Jwt;
using Credentials.Users;
using Credentials.WebTokens;

namespace Credentials.Docs.Tests.Snippets;

/// <summary>
/// The reader's own types the docs name (<c>MyStore</c>, <c>MyUserAuthenticator</c>, ...): written out here as classes
/// implementing the library's interface, generated from the interface itself, so the docs keep compiling as it grows.
/// </summary>
internal static class ReaderTypes
{
    private static readonly (string Name, Type Interface)[] Types =
    [
        ("MyStore", typeof(IApiKeyStore)),
        ("MyTokenStore", typeof(IWebTokenStore)),
        ("MyUserAuthenticator", typeof(IUserAuthenticator)),
        ("MyUserDirectory", typeof(IUserDirectory)),
        ("MyKmsProtector", typeof(ISigningKeyProtector)),
    ];

    public static string Source()
    {
        var source = new StringBuilder();
        foreach (var (name, contract) in Types)
        {
            source.Append("internal sealed class ").Append(name).Append(" : ").Append(TypeName(contract)).AppendLine(" {");
            foreach (var method in contract.GetMethods().Where(m => m.IsAbstract && !m.IsSpecialName))
            {
                var parameters = string.Join(", ", method.GetParameters().Select(p => $"{TypeName(p.ParameterType)} {p.Name}"));
                source.Append("    ").Append(TypeName(method.ReturnType)).Append(' ').Append(TypeName(contract)).Append('.')
                    .Append(method.Name).Append('(').Append(parameters).AppendLine(") => throw new global::System.NotSupportedException();");
            }

            source.AppendLine("}");
        }

        return source.ToString();
    }

    private static string TypeName(Type type)
    {
        if (type == typeof(void))
        {
            return "void";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        var name = "global::" + (type.FullName ?? type.Name).Split('`')[0].Replace('+', '.');
        return type.IsGenericType
            ? $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
            : name;
    }
}
