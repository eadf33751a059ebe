using Clawverse.Surfaces.Tests.Support;
using Clawverse.Testing;

namespace Clawverse.Surfaces.Tests.Clawpix;

/// <summary>The server with X's oEmbed endpoint pointed at a local stub, and a content word list.</summary>
public class ClawpixFactory : ClawverseFactory
{
    public const string BlockedWord = "forbiddenword";

    private readonly string _words = Path.Combine(Path.GetTempPath(), $"clawverse-words-{Guid.NewGuid():N}.txt");

    public ClawpixFactory() => File.WriteAllText(_words, $"# test word list\n{BlockedWord}\nvery bad phrase\n");

    public OEmbedStubServer OEmbed { get; } = OEmbedStubServer.StartAsync().GetAwaiter().GetResult();

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(MoreSettings)
    {
        ["tweet-oembed-url"] = OEmbed.Url,
        ["moderation-words"] = _words,
    };

    protected virtual IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>();

    protected override async ValueTask DisposeExtrasAsync()
    {
        await OEmbed.DisposeAsync();
        File.Delete(_words);
    }
}
