using Clawverse.Core.Errors;
using Clawverse.Web.Rendering;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Web.Shared;

/// <summary>Pages for what is missing or malformed, with the real status code (404, 400...) and a way on.</summary>
public static class ErrorPages
{
    public static HtmlResult NotFound(string heading, string message) =>
        Show(StatusCodes.Status404NotFound, heading, message);

    /// <summary>A core error as a page: its status, and its message, which the core keeps safe to show.</summary>
    public static HtmlResult FromError(Error error) => error.Status switch
    {
        StatusCodes.Status404NotFound => NotFound("Not found", error.Message),
        _ => Show(error.Status, "That did not work", error.Message),
    };

    public static HtmlResult Show(int status, string heading, string message) =>
        new(NoticePage.Create(new NoticeModel(new PageMeta(heading) { NoIndex = true }, heading, message)), status);
}
