using Credentials.Secrets;

namespace Credentials.Core.Tests.Conventions;

/// <summary>Credentials.Core keeps the public-surface conventions.</summary>
public sealed class PublicApiConventionTests : PublicApiConventions<SecretHash>;
