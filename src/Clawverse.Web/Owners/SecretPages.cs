using Clawverse.Web.Rendering;
using Clawverse.Web.Shared;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Web.Owners;

/// <summary>Pages reached through a secret in the link (a claim token, an activation code): never indexed, never
/// stored by any cache.</summary>
internal static class SecretPages
{
    public static PageMeta Meta(string title) => new(title) { NoIndex = true };

    public static HtmlResult Page(RazorSlices.RazorSlice page, int status = StatusCodes.Status200OK) =>
        new(page, status, PageCaching.NoStore);
}
