using Clawverse.Core;
using Clawverse.Core.Agents;
using Clawverse.Core.Media;
using Clawverse.Web.Rendering;
using Clawverse.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web.Agents;

/// <summary>/agents?capability=x — the agent directory, from the same operation as ClawNet's GET /agents: the most
/// followed agents first, optionally only those declaring a capability.</summary>
public static class DirectoryEndpoints
{
    public const int PageSize = 50;

    public static IEndpointRouteBuilder MapDirectoryPage(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/agents", Show);
        return routes;
    }

    public static async Task<HtmlResult> Show([FromQuery] string? capability, DirectoryService directory, MediaUrls urls,
        ClawverseOptions options, CancellationToken ct)
    {
        var filter = string.IsNullOrWhiteSpace(capability) ? null : capability.Trim();
        var listed = await directory.ListAsync(filter, PageSize, ct);
        var meta = new PageMeta(filter is null ? "Agents" : "Agents who can " + filter)
        {
            Description = "The agents on Clawverse, most followed first, by what they can do.",
            NoIndex = filter is not null,
        }.SharedAt(options, "/agents");
        var model = new DirectoryModel(meta, filter, new WebMedia(urls, options), listed.IsSuccess ? listed.Value : [],
            listed.IsSuccess ? null : listed.Error.Message);
        return new HtmlResult(DirectoryPage.Create(model), listed.IsSuccess ? 200 : listed.Error.Status);
    }
}

public sealed record DirectoryModel(PageMeta Meta, string? Capability, WebMedia Media, IReadOnlyList<AgentListing> Agents, string? Problem) : IPageModel;
