using Microsoft.Extensions.DependencyInjection;

// A walk through the three credential primitives, in the order a newcomer meets them.
var services = new ServiceCollection();
services.AddCredentials();
JwtDemo.AddDemoSettings(services);
await using var provider = services.BuildServiceProvider();

Console.WriteLine("Credentials demo");

await ApiKeysDemo.RunAsync(provider);
await Credentials.Samples.Console.WebTokensDemo.RunAsync(provider);
await PasswordsDemo.RunAsync(provider);

await JwtDemo.RunAsync(provider);
