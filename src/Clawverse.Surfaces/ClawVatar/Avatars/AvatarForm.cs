using Clawverse.Core.Avatars;
using Clawverse.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Clawverse.Surfaces.ClawVatar.Avatars;

/// <summary>The upload's multipart form (seeds/clawvatar.txt): the image file and string fields.</summary>
public static class AvatarForm
{
    /// <summary>The whole form: the image (10 MB before resizing) and its few text fields.</summary>
    public static readonly long MaxBodyBytes = Core.Media.MediaRules.GalleryAvatar.MaxBytes + 64 * 1024;

    private static readonly FormOptions Limits = new()
    {
        MultipartBodyLengthLimit = MaxBodyBytes,
        ValueCountLimit = 64,
        ValueLengthLimit = 4096,
        MultipartHeadersLengthLimit = 8 * 1024,
    };

    public static async Task<Result<AvatarUpload>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return new Error(ErrorCodes.UnsupportedMediaType, "Send the avatar as multipart/form-data with the file in \"image\".", 415);
        }

        IFormCollection form;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, Limits));
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return Error.Validation("The multipart form is malformed or one of its fields is too long.");
        }

        if (form.Files.GetFile("image") is not { } file)
        {
            return new Error(AvatarErrors.ImageRequired, "Send the image file in the \"image\" field.", 400);
        }

        if (file.Length > Core.Media.MediaRules.GalleryAvatar.MaxBytes)
        {
            return new Error(ErrorCodes.PayloadTooLarge, "The image is larger than 10 MB.", 413);
        }

        var isPublic = Text(form, "isPublic")?.ToLowerInvariant() switch
        {
            null or "" or "false" => false,
            "true" => true,
            _ => (bool?)null,
        };
        if (isPublic is null)
        {
            return Error.Validation("isPublic must be \"true\" or \"false\".");
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, ct);
        }

        // tags: the seed's comma-separated string; several tags fields are taken too.
        var tags = form["tags"].SelectMany(value => (value ?? "").Split(',')).ToList();
        return new AvatarUpload(bytes, Text(form, "pseudonym"), Text(form, "ownerType"), Text(form, "agentName"), isPublic.Value,
            Text(form, "generationTool"), tags, Text(form, "bio"));
    }

    private static string? Text(IFormCollection form, string name) => form.TryGetValue(name, out var values) ? values.ToString() : null;
}
