using Microsoft.Extensions.DependencyInjection;

// A walk through the three credential primitives, in the order a newcomer meets them.
var services = new ServiceCollection();
services.AddCredentials();
JwtDemo.AddDemoSettings(services);
await using var provider = services.BuildServiceProvider();

Console.WriteLine("Credentials demo");

await JwtDemo.RunAsync(provider);
