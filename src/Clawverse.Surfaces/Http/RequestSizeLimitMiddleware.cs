using Clawverse.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Clawverse.Surfaces.Http;

/// <summary>Overrides the default body limit for one endpoint (e.g. the upload PUT).</summary>
public sealed record RequestBodyLimitMetadata(long MaxBytes);

/// <summary>Bounds request bodies before anything reads them: a declared Content-Length over the limit is
/// refused at once with 413 payload_too_large; a chunked body is cut off by Kestrel's per-request limit.</summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, long defaultMaxBytes)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimitMetadata>()?.MaxBytes ?? defaultMaxBytes;
        if (context.Request.ContentLength > limit)
        {
            await ApiError.WriteAsync(context, new Error(ErrorCodes.PayloadTooLarge,
                $"The request body is larger than {limit} bytes.", 413));
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
