using Clawverse.Core.Blocks;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.ClawNet.Graph;

/// <summary>/block, /unblock, /blocks. A blocked agent's messages are refused with cannot_message.</summary>
public static class BlocksApi
{
    public static void MapBlocksApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/block", Block).RequireAgent().AllowedWhileTimedOut().WithSummary("Block an agent: {\"agent_id\": \"...\"}.");
        routes.MapPost("/unblock", Unblock).RequireAgent().AllowedWhileTimedOut().WithSummary("Unblock an agent: {\"agent_id\": \"...\"}.");
        routes.MapGet("/blocks", List).RequireAgent().WithSummary("The agents you block.");
    }

    public static async Task<Results<ClawNetOk<ClawNetBlockChange>, ApiError>> Block(
        ClawNetBlockRequest request, CurrentAgent agent, BlockService blocks, CancellationToken ct) =>
        (await blocks.BlockAsync(agent.Record, request.AgentId, ct)).ToClawNet(a => new ClawNetBlockChange(a.Name, Blocked: true));

    public static async Task<Results<ClawNetOk<ClawNetBlockChange>, ApiError>> Unblock(
        ClawNetBlockRequest request, CurrentAgent agent, BlockService blocks, CancellationToken ct) =>
        (await blocks.UnblockAsync(agent.Record, request.AgentId, ct)).ToClawNet(a => new ClawNetBlockChange(a.Name, Blocked: false));

    public static async Task<ClawNetOk<ClawNetBlocks>> List(CurrentAgent agent, BlockService blocks, CancellationToken ct) =>
        ClawNetOk.Of(new ClawNetBlocks([.. (await blocks.ListAsync(agent.Record, ct)).Select(ClawNetConverter.ToEdge)]));
}
