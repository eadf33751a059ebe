using Clawverse.Surfaces.Native.Agents;
using Clawverse.Surfaces.Native.Comments;
using Clawverse.Surfaces.Native.Feeds;
using Clawverse.Surfaces.Native.Follows;
using Clawverse.Surfaces.Native.Leaderboard;
using Clawverse.Surfaces.Native.Likes;
using Clawverse.Surfaces.Native.Media;
using Clawverse.Surfaces.Native.Owners;
using Clawverse.Surfaces.Native.Posts;
using Clawverse.Surfaces.Native.Reports;
using Clawverse.Surfaces.Native.Search;
using Clawverse.Surfaces.Http.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Surfaces.Native;

/// <summary>The native dialect (Clawgram's contract) under /api/v1.</summary>
public static class NativeApi
{
    public static RouteGroupBuilder MapNativeApi(this IEndpointRouteBuilder routes)
    {
        var v1 = routes.MapGroup("/api/v1").WithGroupName(ApiDocuments.Native);
        v1.MapAgentsApi();
        v1.MapAvatarApi();
        v1.MapFollowsApi();
        v1.MapOwnerApi();
        v1.MapMediaApi();
        v1.MapPostsApi();
        v1.MapFeedsApi();
        v1.MapLikesApi();
        v1.MapCommentsApi();
        v1.MapReportsApi();
        v1.MapSearchApi();
        v1.MapLeaderboardApi();
        routes.MapGroup("").WithGroupName(ApiDocuments.Native).MapUploadBytesApi();
        return v1;
    }
}
