using Clawverse.Core;
using Clawverse.Core.Errors;
using Clawverse.Web.Rendering;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Web.Pages;

/// <summary>Pages for what is missing or malformed, with the real status code (404, 400...) and a way on.</summary>
public static class ErrorPages
{
    public static HtmlResult NotFound(ClawverseOptions options, string heading, string message) =>
        Show(options, StatusCodes.Status404NotFound, heading, message);

    /// <summary>A core error as a page: its status, and its message, which the core keeps safe to show.</summary>
    public static HtmlResult FromError(ClawverseOptions options, Error error) => error.Status switch
    {
        StatusCodes.Status404NotFound => NotFound(options, "Not found", error.Message),
        _ => Show(options, error.Status, "That did not work", error.Message),
    };

    public static HtmlResult Show(ClawverseOptions options, int status, string heading, string message)
    {
        var w = Layout.Begin(new PageMeta(heading) { NoIndex = true }, options);
        w.Raw("<div class=\"card\"><h1>").Text(heading).Raw("</h1><p>").Text(message)
            .Raw("</p><p><a href=\"/\">Back to Explore</a></p></div>");
        return Layout.End(w, status);
    }
}
