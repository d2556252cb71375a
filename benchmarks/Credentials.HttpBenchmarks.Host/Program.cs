using Credentials.HttpBenchmarks.Host;

// The host benchmarks/http/run.sh measures: GET /ping unauthenticated and GET /authorized/ping behind
// RequireAuthorization(), on the stores Benchmark:Store names (StoreVariants). It seeds one API key, its web token and
// a JWT at start and writes them to Benchmark:CredentialsFile (owner-only), or prints them when none is given.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var settings = builder.Configuration.GetSection("Benchmark").Get<BenchmarkSettings>() ?? new BenchmarkSettings();
if (!StoreVariants.All.TryGetValue(settings.Store, out var configureStore))
{
    await Console.Error.WriteLineAsync($"Unknown Benchmark:Store '{settings.Store}'; one of: {string.Join(", ", StoreVariants.All.Keys)}.");
    return 2;
}

var credentials = builder.Services
    .AddCredentials(options =>
    {
        options.Jwt.Issuer = "credentials-http-benchmark";
        options.Jwt.Audience = "credentials-http-benchmark";
        options.Jwt.UseDevelopmentSigningKey = true;
    })
    .AddAspNetCore();
try
{
    configureStore(credentials, settings);
}
catch (InvalidOperationException unavailable)
{
    // A store this build cannot run (a setting it needs is missing): run.sh leaves its variants out.
    await Console.Error.WriteLineAsync($"Store '{settings.Store}' is unavailable: {unavailable.Message}");
    return 3;
}

var app = builder.Build();
var seeded = await CredentialSeeder.SeedAsync(app.Services, app.Lifetime.ApplicationStopping);
if (settings.CredentialsFile is { Length: > 0 } path)
{
    await WriteOwnerOnlyAsync(path, seeded);
}
else
{
    await Console.Out.WriteAsync(seeded);
}

app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/ping", Pong);
app.MapGroup("/authorized").RequireAuthorization().MapGet("/ping", Pong);
await app.RunAsync();
return 0;

// The same tiny endpoint on both routes, so the only difference between them is the credential.
static string Pong() => "pong";

static async Task WriteOwnerOnlyAsync(string path, string text)
{
    var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
    if (!OperatingSystem.IsWindows())
    {
        options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    }

    await using var writer = new StreamWriter(path, options);
    await writer.WriteAsync(text);
}
