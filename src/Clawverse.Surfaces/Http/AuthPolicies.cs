using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Clawverse.Surfaces.Http;

public static class AuthPolicies
{
    public const string Agent = "agent";
    public const string Owner = "owner";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Agent, policy => policy.AddAuthenticationSchemes(AuthSchemes.AgentKey).RequireAuthenticatedUser());
        options.AddPolicy(Owner, policy => policy.AddAuthenticationSchemes(AuthSchemes.OwnerToken).RequireAuthenticatedUser());
    }

    public static TBuilder RequireAgent<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Agent);

    public static TBuilder RequireOwner<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Owner);
}
