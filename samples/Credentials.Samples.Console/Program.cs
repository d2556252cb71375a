using Microsoft.Extensions.DependencyInjection;

// A walk through the three credential primitives, in the order a newcomer meets them.
var services = new ServiceCollection();
// CREDENTIALS_STORE=sqlite:credentials.db keeps keys and tokens in a SQLite file across runs; unset, in memory.
services.AddCredentials(JwtDemo.DemoSettings)
    .AddSampleStorage(Environment.GetEnvironmentVariable(SampleStorage.Setting));
await using var provider = services.BuildServiceProvider();
await SampleStorage.PrepareAsync(provider);

Console.WriteLine("Credentials demo");

await ApiKeysDemo.RunAsync(provider);
await Credentials.Samples.Console.WebTokensDemo.RunAsync(provider);
await PasswordsDemo.RunAsync(provider);
await JwtDemo.RunAsync(provider);
