/// <summary>
/// The self-service key page (<c>wwwroot/keys</c>, at <c>/keys/</c>): one HTML file, one style sheet and one script
/// module, built on the library's public endpoints only. Every file is served with a policy that lets the page load
/// nothing but its own files and call nothing but its own origin, so injected text can neither run nor send a key away.
/// </summary>
internal static class KeyManagementPage
{
    /// <summary>
    /// No inline script or style, no eval, no other origin, no framing, no plugins, no base or form redirection; DOM
    /// sinks such as <c>innerHTML</c> refuse plain strings (Trusted Types), so the page can only write text.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; " +
        "require-trusted-types-for 'script'; trusted-types 'none'";

    /// <summary>Serves <c>wwwroot</c> (<c>/keys/</c> answers <c>/keys/index.html</c>) with the policy and its companions.</summary>
    public static WebApplication UseKeyManagementPage(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
