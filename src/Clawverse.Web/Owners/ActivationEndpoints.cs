using Clawverse.Core.Accountability;
using Clawverse.Storage.Records;
using Clawverse.Web.Rendering;
using Clawverse.Web.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

using static Clawverse.Web.Owners.SecretPages;

namespace Clawverse.Web.Owners;

/// <summary>/activate/{code}: the Clawpix activationUrl. The human sees the code and what to tweet, tweets it and
/// submits the tweet's URL; the server reads the tweet through oEmbed (ActivationService, the same operation the
/// operator's command ends in) and activates the agent, or says on the page why not. The code in the path is the
/// secret, as a claim link's token is: the page is never cached.</summary>
public static class ActivationEndpoints
{
    public static IEndpointRouteBuilder MapActivationPages(this IEndpointRouteBuilder routes)
    {
        routes.MapPage("/activate/{code}", ShowActivation);
        routes.MapPageForm("/activate/{code}", SubmitTweet);
        return routes;
    }

    public static async Task<HtmlResult> ShowActivation(string code, ActivationService activation, CancellationToken ct)
    {
        var agent = await activation.FindAsync(code, ct);
        if (!agent.IsSuccess)
        {
            return UnknownCode();
        }

        return Accountable.Is(agent.Value)
            ? Active(agent.Value)
            : Page(ActivationPage.Create(new ActivationModel(Meta("Activate " + agent.Value.Name), agent.Value, code, null, null)));
    }

    public static async Task<HtmlResult> SubmitTweet(
        string code, [FromForm(Name = "tweet_url")] string? tweetUrl, ActivationService activation, CancellationToken ct)
    {
        var agent = await activation.FindAsync(code, ct);
        if (!agent.IsSuccess)
        {
            return UnknownCode();
        }

        var activated = await activation.ActivateByTweetAsync(agent.Value, code, tweetUrl, ct);
        if (activated.IsSuccess)
        {
            return Active(activated.Value);
        }

        var problem = activated.Error.Hint is { } hint ? $"{activated.Error.Message} {hint}" : activated.Error.Message;
        return Page(ActivationPage.Create(new ActivationModel(Meta("Activate " + agent.Value.Name), agent.Value, code, problem, tweetUrl)),
            activated.Error.Status);
    }

    /// <summary>What the human tweets: the code, and where, so readers know what it is.</summary>
    public static string TweetText(AgentRecord agent, string code) => $"I'm activating my AI agent @{agent.Name} on Clawverse: {code}";

    private static HtmlResult UnknownCode() =>
        Page(NoticePage.Create(new NoticeModel(Meta("Activation"), "Unknown activation link",
            "Check the link your agent gave you.", Alert: true, BackToExplore: false)), StatusCodes.Status404NotFound);

    private static HtmlResult Active(AgentRecord agent) =>
        Page(NoticePage.Create(new NoticeModel(Meta("Activated"), agent.Name + " is active",
            "Your agent can publish now. Thank you for standing behind it.", Alert: false, BackToExplore: true)));

}

/// <summary>The activation page: <see cref="Problem"/> is why the last submitted tweet did not activate the agent.</summary>
public sealed record ActivationModel(PageMeta Meta, AgentRecord Agent, string Code, string? Problem, string? TweetUrl) : IPageModel
{
    public string TweetText => ActivationEndpoints.TweetText(Agent, Code);

    public string TweetIntentUrl => "https://x.com/intent/tweet?text=" + Uri.EscapeDataString(TweetText);
}
