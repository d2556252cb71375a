// The host code around a documentation snippet: what a reader's application already has when they paste one in.
// Global usings: the Web SDK's implicit usings plus the library's namespaces. Every name a snippet uses without
// declaring it (services, builder, ct, a key the caller presented, the reader's own types) is declared here once.
global using System;
global using System.Collections.Generic;
global using System.Globalization;
global using System.IO;
global using System.Linq;
global using System.Net.Http;
global using System.Net.Http.Json;
global using System.Threading;
global using System.Threading.Tasks;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.DataProtection;
global using Microsoft.AspNetCore.Hosting;
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Identity;
global using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
global using Microsoft.AspNetCore.Routing;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Caching.Distributed;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Hosting;
global using Microsoft.Extensions.Logging;
global using Credentials;
global using Credentials.ApiKeys;
global using Credentials.AspNetCore.Authentication;
global using Credentials.AspNetCore.Authorization;
global using Credentials.AspNetCore.Endpoints;
global using Credentials.Client;
global using Credentials.Jwt;
global using Credentials.Login;
global using Credentials.Sessions;
global using Credentials.Users;
global using Credentials.WebTokens;
global using StackExchange.Redis;
global using static SnippetHost;

/// <summary>Names a snippet may use as if its host had them in scope.</summary>
internal static class SnippetHost
{
    public static string[] args => [];
    public static IServiceCollection services => throw new NotSupportedException();
    public static IServiceProvider provider => throw new NotSupportedException();
    public static WebApplicationBuilder builder => throw new NotSupportedException();
    public static WebApplication app => throw new NotSupportedException();
    public static IConfiguration configuration => throw new NotSupportedException();
    public static ModelBuilder modelBuilder => throw new NotSupportedException();
    public static TimeProvider time => TimeProvider.System;
    public static CancellationToken ct => default;
    public static CancellationToken cancellationToken => default;
    public static CancellationToken stoppingToken => default;

    public static IApiKeyService apiKeys => throw new NotSupportedException();
    public static IApiKeyStore store => throw new NotSupportedException();
    public static IWebTokenService webTokens => throw new NotSupportedException();
    public static ILoginService loginService => throw new NotSupportedException();
    public static IJwtValidator jwtValidator => throw new NotSupportedException();
    public static IJwtValidator validator => throw new NotSupportedException();
    public static ISessionService sessions => throw new NotSupportedException();
    public static ApiKeyActor actor => throw new NotSupportedException();
    public static AuthenticatedUser user => throw new NotSupportedException();

    public static string presentedKey => "";
    public static string bearer => "";
    public static string bearerToken => "";
    public static string apiKey => "";
    public static string username => "";
    public static string password => "";
    public static string attempt => "";
    public static string subject => "";
    public static string userId => "";
    public static string sessionId => "";
    public static string connectionString => "";
    public static string redisConnectionString => "";
    public static string pem => "";
    public static string pemFromYourSecretStore => "";
    public static byte[] oldPepper => [];
    public static byte[] newPepper => [];
    public static Guid keyUuid => Guid.Empty;
    public static DateTimeOffset expiry => DateTimeOffset.UnixEpoch;

    public static Task<(string Token, long ExpiresAt)> FetchTokenFromServerAsync(IServiceProvider services, CancellationToken ct) => throw new NotSupportedException();
    public static Task<FetchedWebToken> FetchVendorTokenAsync(IServiceProvider services, CancellationToken ct) => throw new NotSupportedException();
    public static Task<FetchedWebToken> FetchWebTokenAsync(CancellationToken ct) => throw new NotSupportedException();
}
