using Credentials;
using Microsoft.Extensions.DependencyInjection;

// Proves the packed library works from a package reference: the front door resolves and options validate.
var services = new ServiceCollection();
var builder = services.AddCredentials();
await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
_ = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<CredentialsOptions>>().Value;
Console.WriteLine($"package consumer: ok ({builder.GetType().Assembly.GetName().Version})");
