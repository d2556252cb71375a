using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Benchmarks.Jwt;

/// <summary>
/// What a flood of forged or malformed tokens costs, against accepting a valid token (the baseline, cache off).
/// The raw <see cref="JsonWebTokenHandler"/> rejecting a forged signature is shown for comparison: it throws and
/// catches inside.
/// </summary>
[MemoryDiagnoser]
public class JwtRejectionBenchmarks
{
    private readonly JsonWebTokenHandler _handler = new();
    private JwtBenchmarkSetup _setup = null!;
    private string _forgedSignature = null!;
    private string _algNone = null!;
    private string _unknownKid = null!;
    private string _malformed = null!;
    private string _oversized = null!;

    [Params("HS256", "ES256")]
    public string Algorithm { get; set; } = "HS256";

    [GlobalSetup]
    public void Setup()
    {
        _setup = new JwtBenchmarkSetup(Algorithm);
        var parts = _setup.Token.Split('.');

        // Same length and shape as the real signature, other bytes: what an attacker without the key sends.
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        RandomNumberGenerator.Fill(signature);
        _forgedSignature = parts[0] + "." + parts[1] + "." + Base64UrlEncoder.Encode(signature);
        var none = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes($$"""{"alg":"none","kid":"{{_setup.Ring.CurrentKeyId}}","typ":"JWT"}"""));
        _algNone = none + "." + parts[1] + ".";
        var otherKid = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes($$"""{"alg":"{{Algorithm}}","kid":"someone-elses-key","typ":"JWT"}"""));
        _unknownKid = otherKid + "." + parts[1] + "." + parts[2];
        _malformed = parts[0] + "." + parts[1][..^3] + "!!!." + parts[2];
        _oversized = new string('a', 9000);
    }

    [Benchmark(Baseline = true)]
    public bool Accept_Valid() => _setup.Validator.Validate(_setup.Token).Succeeded;

    [Benchmark]
    public bool Reject_ForgedSignature() => _setup.Validator.Validate(_forgedSignature).Succeeded;

    [Benchmark]
    public bool Reject_AlgNone() => _setup.Validator.Validate(_algNone).Succeeded;

    [Benchmark]
    public bool Reject_UnknownKid() => _setup.Validator.Validate(_unknownKid).Succeeded;

    [Benchmark]
    public bool Reject_MalformedBase64() => _setup.Validator.Validate(_malformed).Succeeded;

    [Benchmark]
    public bool Reject_Oversized() => _setup.Validator.Validate(_oversized).Succeeded;

    [Benchmark]
    public async Task<bool> JsonWebTokenHandler_Reject_ForgedSignature() =>
        (await _handler.ValidateTokenAsync(_forgedSignature, _setup.Parameters)).IsValid;
}
