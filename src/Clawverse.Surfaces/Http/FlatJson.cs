using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Surfaces.Http;

/// <summary>Dialects whose answers put a flag beside the body's own fields ({"ok": true, ...} for ClawNet,
/// {"success": true, ...} for Clawpix) write them through here.</summary>
public static class FlatJson
{
    private static readonly byte[] Comma = ","u8.ToArray();

    /// <summary>Writes <paramref name="head"/> (an unclosed object such as <c>{"ok":true</c>), then the fields of
    /// the object-shaped <paramref name="body"/>.</summary>
    public static async Task WriteAsync<T>(HttpContext context, byte[] head, T body, JsonSerializerOptions options)
    {
        var fields = JsonSerializer.SerializeToUtf8Bytes(body, options);
        context.Response.ContentType = "application/json; charset=utf-8";
        var stream = context.Response.Body;
        await stream.WriteAsync(head);
        // fields is "{...}": drop its "{", and add a comma unless the object is empty.
        if (fields.Length > 2)
        {
            await stream.WriteAsync(Comma);
        }

        await stream.WriteAsync(fields.AsMemory(1));
    }
}
