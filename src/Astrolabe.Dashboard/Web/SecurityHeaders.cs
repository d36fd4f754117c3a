using Microsoft.AspNetCore.Http;

namespace Astrolabe.Dashboard;

/// <summary>
/// The headers every dashboard response carries (page, assets, API, errors): a Content-Security-Policy that runs
/// only the scripts served under <c>/assets/</c> (no inline script, no eval, no other origin), <c>nosniff</c> so a
/// response is never run as another type than it says, and no Referer sent anywhere.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Scripts, fetches and images from this origin only. Inline styles stay allowed: ECharts styles the HTML of
    /// its tooltips with style attributes.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The Referrer-Policy: the dashboard's addresses are never sent to another page.</summary>
    public const string ReferrerPolicy = "no-referrer";

    /// <summary>Middleware: sets the headers before the rest of the pipeline answers.</summary>
    public static Task Add(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = ReferrerPolicy;
        return next(context);
    }
}
