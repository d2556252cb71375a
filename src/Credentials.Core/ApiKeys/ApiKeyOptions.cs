namespace Credentials.ApiKeys;

/// <summary>API key format, validation limits and last-used tracking.</summary>
public sealed class ApiKeyOptions
{
}
