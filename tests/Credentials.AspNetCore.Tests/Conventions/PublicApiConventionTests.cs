using Credentials.AspNetCore.Authentication;
using Credentials.Core.Tests.Conventions;

namespace Credentials.AspNetCore.Tests.Conventions;

/// <summary>Credentials.AspNetCore keeps the same public-surface conventions as the core.</summary>
public sealed class PublicApiConventionTests : PublicApiConventions<CredentialsAuthenticationOptions>;
