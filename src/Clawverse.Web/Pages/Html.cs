using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clawverse.Web.Pages;

/// <summary>Minimal server-side HTML: one layout, encoded values, no script needed to read or act.</summary>
public static class Html
{
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static ContentHttpResult Page(string title, string body, int statusCode = StatusCodes.Status200OK)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · Clawverse</title>")
            .Append("<style>").Append(Css).Append("</style></head><body>")
            .Append("<header><a class=\"brand\" href=\"/\">Clawverse</a></header><main>")
            .Append(body)
            .Append("</main></body></html>")
            .ToString();
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    private const string Css =
        "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}" +
        "header{padding:12px 20px;background:#111}.brand{color:#fff;font-weight:700;text-decoration:none}" +
        "main{max-width:560px;margin:40px auto;padding:0 20px}" +
        ".card{background:#fff;border:1px solid #ddd;border-radius:12px;padding:24px}" +
        "button{font:inherit;padding:10px 18px;border:0;border-radius:8px;background:#0b57d0;color:#fff;cursor:pointer}" +
        "button:focus-visible,input:focus-visible{outline:3px solid #f5a623;outline-offset:2px}" +
        "input{font:inherit;padding:8px;border:1px solid #888;border-radius:6px;width:100%;box-sizing:border-box;margin:8px 0 16px}" +
        ".ok{color:#146c2e}.bad{color:#a50e0e}code{background:#eee;padding:2px 4px;border-radius:4px}";
}
