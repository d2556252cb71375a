using System.IdentityModel.Tokens.Jwt;
using BenchmarkDotNet.Attributes;
using JWT.Algorithms;
using JWT.Builder;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Credentials.Benchmarks.Jwt;

/// <summary>
/// Issue and first-time validate (cache off) beside the raw <see cref="JsonWebTokenHandler"/> (the baseline),
/// <see cref="JwtSecurityTokenHandler"/> and jose-jwt; JWT.NET where its version 7.3.1 has the algorithm (not ES256).
/// jose-jwt checks the signature only (no iss, aud or exp), so it does less work than the rest.
/// </summary>
[MemoryDiagnoser]
public abstract class JwtBenchmarks
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly JwtSecurityTokenHandler _legacy = new() { MapInboundClaims = false };
    private JwtBenchmarkSetup _setup = null!;

    protected abstract string Algorithm { get; }

    protected JwtBenchmarkSetup Setup => _setup;

    [GlobalSetup]
    public virtual void GlobalSetup() => _setup = new JwtBenchmarkSetup(Algorithm);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Validate")]
    public async Task<bool> Validate_JsonWebTokenHandler() => (await _handler.ValidateTokenAsync(_setup.Token, _setup.Parameters)).IsValid;

    [Benchmark]
    [BenchmarkCategory("Validate")]
    public bool Validate_Credentials() => _setup.Validator.Validate(_setup.Token).Succeeded;

    [Benchmark]
    [BenchmarkCategory("Validate")]
    public object Validate_JwtSecurityTokenHandler() => _legacy.ValidateToken(_setup.Token, _setup.Parameters, out _);

    [Benchmark]
    [BenchmarkCategory("Validate")]
    public string Validate_JoseJwt_SignatureOnly() => Jose.JWT.Decode(_setup.Token, _setup.PeerKey);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Issue")]
    public string Issue_JsonWebTokenHandler() => _handler.CreateToken(_setup.Descriptor());

    [Benchmark]
    [BenchmarkCategory("Issue")]
    public string Issue_Credentials() => _setup.TokenIssuer.Issue(JwtBenchmarkSetup.User).Token;

    [Benchmark]
    [BenchmarkCategory("Issue")]
    public string Issue_JwtSecurityTokenHandler() => _legacy.CreateEncodedJwt(_setup.Descriptor());

    [Benchmark]
    [BenchmarkCategory("Issue")]
    public string Issue_JoseJwt() => Jose.JWT.Encode(
        JwtBenchmarkSetup.PeerClaims(withTimes: true),
        _setup.PeerKey,
        Algorithm switch { "HS256" => Jose.JwsAlgorithm.HS256, "ES256" => Jose.JwsAlgorithm.ES256, _ => Jose.JwsAlgorithm.RS256 },
        new Dictionary<string, object> { ["kid"] = _setup.Ring.CurrentKeyId, ["typ"] = "JWT" });
}

/// <summary>The algorithms JWT.NET 7.3.1 has (HS256, RS256) add it to the comparison.</summary>
public abstract class JwtBenchmarksWithJwtNet : JwtBenchmarks
{
    private JwtBuilder _jwtNetDecoder = null!;

    public override void GlobalSetup()
    {
        base.GlobalSetup();
        _jwtNetDecoder = JwtNetBuilder().MustVerifySignature();
    }

    [Benchmark]
    [BenchmarkCategory("Validate")]
    public string Validate_JwtNet() => _jwtNetDecoder.Decode(Setup.Token);

    [Benchmark]
    [BenchmarkCategory("Issue")]
    public string Issue_JwtNet() => JwtNetBuilder()
        .AddHeader(HeaderName.KeyId, Setup.Ring.CurrentKeyId).AddClaims(JwtBenchmarkSetup.PeerClaims(withTimes: true)).Encode();

    /// <summary>A JWT.NET builder with this algorithm and key.</summary>
    protected abstract JwtBuilder JwtNetBuilder();
}

/// <summary>HS256, with JWT.NET.</summary>
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JwtHs256Benchmarks : JwtBenchmarksWithJwtNet
{
    protected override string Algorithm => "HS256";

    protected override JwtBuilder JwtNetBuilder() => new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(Setup.HmacSecret!);
}

/// <summary>ES256; JWT.NET 7.3.1 has no ES256.</summary>
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JwtEs256Benchmarks : JwtBenchmarks
{
    protected override string Algorithm => "ES256";
}

/// <summary>RS256, with JWT.NET.</summary>
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JwtRs256Benchmarks : JwtBenchmarksWithJwtNet
{
    protected override string Algorithm => "RS256";

    protected override JwtBuilder JwtNetBuilder() => new JwtBuilder().WithAlgorithm(new RS256Algorithm(Setup.Rsa!, Setup.Rsa!));
}
