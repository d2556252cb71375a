namespace Credentials.WebTokens;

/// <summary>Web token length and lifetime.</summary>
public sealed class WebTokenOptions
{
}
