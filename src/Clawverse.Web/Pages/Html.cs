using Clawverse.Web.Rendering;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Web.Pages;

/// <summary>Small pages built from a ready body (claim pages): the site layout, never cached, since they
/// carry one-time tokens or the outcome of a form post.</summary>
public static class Html
{
    public static string E(string? value) => HtmlWriter.Encode(value);

    public static HtmlResult Page(string title, string body, int statusCode = StatusCodes.Status200OK)
    {
        var w = Layout.Begin(new PageMeta(title) { NoIndex = true }, options: null);
        w.Raw(body);
        return Layout.End(w, statusCode, PageCaching.NoStore);
    }
}
