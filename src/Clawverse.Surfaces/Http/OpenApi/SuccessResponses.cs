using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Clawverse.Surfaces.Http.OpenApi;

/// <summary>Success answers as the dialect sends them: the results' metadata names the body's type, and the
/// dialects that put their fields beside a flag ({"success": true, ...} and {"ok": true, ...}) get the flag joined
/// to it (allOf); endpoints that create answer 201 (<see cref="CreatedStatusMetadata"/>).</summary>
public static class SuccessResponses
{
    public const string HeadSchemaName = "SuccessFlag";

    public static void Apply(ApiDocument document, OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (operation.Responses is null)
        {
            return;
        }

        if (document.SuccessFlag is not null)
        {
            foreach (var (_, response) in operation.Responses.Where(pair => pair.Key.StartsWith('2')))
            {
                foreach (var (_, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
                {
                    if (media.Schema is { } body)
                    {
                        media.Schema = new OpenApiSchema { AllOf = [new OpenApiSchemaReference(HeadSchemaName, context.Document), body] };
                    }
                }
            }
        }

        var created = context.Description.ActionDescriptor.EndpointMetadata.OfType<CreatedStatusMetadata>().FirstOrDefault();
        if (created is not null && operation.Responses.TryGetValue("200", out var ok))
        {
            operation.Responses["201"] = ok;
            if (!created.AlsoOk)
            {
                operation.Responses.Remove("200");
            }
        }
    }
}
