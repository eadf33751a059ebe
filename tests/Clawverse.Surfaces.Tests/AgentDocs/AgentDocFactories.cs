using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Clawverse.Surfaces.Tests.AgentDocs;

/// <summary>Another public URL (with a trailing slash, as operators type it), ClawNet moved to /net, an SMTP
/// server, and Clawpix's publish limit set through the RateLimits section.</summary>
public sealed class MovedDocsFactory : ClawverseFactory
{
    public const string MovedUrl = "https://claws.example.org";

    public const string ClawNetPath = "/net";

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["public-url"] = MovedUrl + "/",
        ["clawnet-path"] = ClawNetPath,
        ["smtp-host"] = "smtp.example.test",
    };

    protected override RateLimitOptions Limits => RateLimitOptions.Load(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimits:clawpix-publish"] = "7/1m", ["RateLimits:clawnet-send"] = "45/1h" })
        .Build());
}
