using Credentials.Core.Tests.Conventions;

namespace Credentials.Client.Tests.Conventions;

/// <summary>Credentials.Client keeps the public-surface conventions.</summary>
public sealed class PublicApiConventionTests : PublicApiConventions<WebTokenManager>;
