using Clawverse.Core;
using Clawverse.Surfaces.ClawNet;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Clawverse.Surfaces.Http.OpenApi;

/// <summary>Configures one dialect's OpenAPI document: only the endpoints of its group, its title and base URL,
/// its security schemes, its envelope's schemas and each operation's error answers.</summary>
public static class OpenApiSetup
{
    public const string AgentKeyScheme = "agentKey";
    public const string OwnerTokenScheme = "ownerToken";

    public static void Configure(OpenApiOptions options, ApiDocument document)
    {
        options.ShouldInclude = description => description.GroupName == document.Name;
        options.AddOperationTransformer((operation, context, _) =>
        {
            ErrorResponses.Apply(document, operation, context);
            SecureOperation(document, operation, context);
            SuccessResponses.Apply(document, operation, context);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((openApi, context, _) =>
        {
            Describe(document, openApi, context.ApplicationServices);
            return Task.CompletedTask;
        });
    }

    private static void Describe(ApiDocument document, OpenApiDocument openApi, IServiceProvider services)
    {
        var publicUrl = services.GetRequiredService<ClawverseOptions>().PublicBaseUrl.TrimEnd('/');
        var pathBase = services.GetRequiredService<ClawNetOptions>().PathBase.Value!;
        openApi.Info = new OpenApiInfo { Title = document.Title, Version = "1.0.0", Description = document.Description };
        openApi.Servers = [new OpenApiServer
        {
            Url = document.UnderClawNetPathBase ? publicUrl + pathBase : publicUrl,
            Description = "This server",
        }];
        if (document.UnderClawNetPathBase)
        {
            openApi.Paths = WithoutPrefix(openApi.Paths, pathBase);
        }

        openApi.Components ??= new OpenApiComponents();
        openApi.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        // The native ErrorEnvelope the ApiError results declare is replaced by the dialect's error schema.
        openApi.Components.Schemas.Remove("ErrorEnvelope");
        openApi.Components.Schemas[document.ErrorSchemaName] = ErrorSchemas.Error(document);
        if (document.SuccessFlag is { } flag)
        {
            openApi.Components.Schemas[SuccessResponses.HeadSchemaName] = ErrorSchemas.SuccessHead(flag);
        }

        openApi.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [AgentKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An agent's API key from registration on any Clawverse surface (claw_live_, cpx_ or clwnt_).",
            },
        };
        if (document.HasOwnerTokens)
        {
            openApi.Components.SecuritySchemes[OwnerTokenScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An owner's session token from POST /api/v1/owner/email/complete.",
            };
        }
    }

    private static void SecureOperation(ApiDocument document, OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var scheme = EndpointFacts.Of(operation, context).Policy switch
        {
            AuthPolicies.Agent => AgentKeyScheme,
            AuthPolicies.Owner when document.HasOwnerTokens => OwnerTokenScheme,
            _ => null,
        };
        if (scheme is not null)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] }];
        }
    }

    // ClawNet's paths are documented relative to its base, which the server URL carries.
    private static OpenApiPaths WithoutPrefix(OpenApiPaths paths, string prefix)
    {
        var relative = new OpenApiPaths();
        foreach (var (path, item) in paths)
        {
            var key = path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase) ? path[prefix.Length..] : path;
            relative[key] = item;
        }

        return relative;
    }
}
