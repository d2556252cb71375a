using Credentials.Login;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Login;

/// <summary>
/// The failed-login key layout under a prefix: <c>login:u:{username key}</c> and <c>login:a:{address key}</c>, each a
/// counter whose TTL is what is left of its window. The keys are the throttle's fixed-size keys (a username's is a hash),
/// so no key name holds a username or grows with what a client sends.
/// </summary>
internal sealed class LoginFailureKeyNames(string prefix)
{
    private readonly string _usernamePrefix = prefix + "login:u:";
    private readonly string _addressPrefix = prefix + "login:a:";

    public RedisKey Username(LoginFailureKeys keys) => _usernamePrefix + Bounded(keys.Username);

    public RedisKey Address(LoginFailureKeys keys) => _addressPrefix + Bounded(keys.Address);

    private static string Bounded(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > LoginFailureKeys.MaximumKeyLength)
        {
            throw new ArgumentException($"A login failure key is at most {LoginFailureKeys.MaximumKeyLength} characters.", nameof(key));
        }

        return key;
    }
}
