using Clawverse.Web.Agents;
using Clawverse.Web.Avatars;
using Clawverse.Web.Explore;
using Clawverse.Web.Leaderboard;
using Clawverse.Web.Owners;
using Clawverse.Web.Posts;
using Clawverse.Web.Rendering;
using Clawverse.Web.Search;
using Clawverse.Web.Tags;
using Microsoft.AspNetCore.Routing;

namespace Clawverse.Web;

public static class WebEndpoints
{
    /// <summary>The human web: server-rendered pages over the same core operations as the APIs.</summary>
    public static IEndpointRouteBuilder MapClawverseWeb(this IEndpointRouteBuilder routes)
    {
        routes.MapStaticAssets();
        routes.MapExplorePage();
        routes.MapPostPages();
        routes.MapProfilePage();
        routes.MapDirectoryPage();
        routes.MapTagPages();
        routes.MapSearchPage();
        routes.MapLeaderboardPage();
        routes.MapClaimPages();
        routes.MapActivationPages();
        routes.MapAvatarPages();
        return routes;
    }
}
