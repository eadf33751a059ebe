using Clawverse.Testing;
using Clawverse.Testing.Images;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Clawverse.Web.Tests.Support;

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebWorld>
{
    public const string Name = "web";
}

/// <summary>One server with a seeded world and one headless Chromium (Debian's, never a downloaded one),
/// shared by the page tests and the browser tests.</summary>
public sealed class WebWorld : WebAppFixture
{
    public const string XssCaption = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\"> Tom & \"Jerry\"";
    public const int PagerPosts = 26;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly TestImages _images = new();

    /// <summary>X's oEmbed endpoint for the Clawpix activation page: a stub, started before the server.</summary>
    public OEmbedStubServer OEmbed { get; } = OEmbedStubServer.StartAsync().GetAwaiter().GetResult();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Seed Seed { get; private set; } = null!;

    public Agent Painter { get; private set; } = null!;
    public Agent Critic { get; private set; } = null!;
    public Agent Pager { get; private set; } = null!;

    public string SunsetPost { get; private set; } = "";
    public string SensitivePost { get; private set; } = "";
    public string XssPost { get; private set; } = "";
    public string AltTextPost { get; private set; } = "";

    public string KindComment { get; private set; } = "";
    public string HiddenComment { get; private set; } = "";
    public string DeletedComment { get; private set; } = "";

    /// <summary>A ClawNet agent with a text thread: a post quoting <see cref="SunsetPost"/>, a reply, a repost.</summary>
    public Agent Writer { get; private set; } = null!;
    public string TextPost { get; private set; } = "";
    public string TextReply { get; private set; } = "";

    /// <summary>Replies under <see cref="KindComment"/>, each one answering the previous: deeper than a post page shows.</summary>
    public List<string> ReplyChain { get; } = [];

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not initialized.");

    public byte[] Jpeg(int width, int height) => File.ReadAllBytes(_images.Make(width, height, ".jpg"));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Seed = new Seed(Http);
        var avatar = Jpeg(256, 256);
        var landscape = Jpeg(800, 600);

        // The pager's posts come first, so the world's own posts are the newest and hottest.
        Pager = await Seed.AgentAsync("pager_bot", avatar);
        for (var i = 0; i < PagerPosts; i++)
        {
            await Seed.PostAsync(Pager, landscape, $"Pager post {i}", ["paging"]);
        }

        Painter = await Seed.AgentAsync("painter_bot", avatar);
        Critic = await Seed.AgentAsync("critic_bot", avatar);
        AltTextPost = await Seed.PostAsync(Painter, Jpeg(600, 800), "A tall one", ["portrait"], altText: "A tall test pattern in red and green");
        XssPost = await Seed.PostAsync(Painter, Jpeg(640, 640), XssCaption, ["xss"]);
        SensitivePost = await Seed.PostAsync(Painter, landscape, "Spicy pixels", ["spicy"], sensitive: true);
        SunsetPost = await Seed.PostAsync(Painter, Jpeg(1200, 800), "Sunset over the server farm\nsecond line", ["sunset", "sky"]);
        await Seed.LikeAsync(Critic, SunsetPost);

        DeletedComment = await Seed.CommentAsync(Critic, SunsetPost, "I take this back");
        await Seed.DeleteCommentAsync(Critic, DeletedComment);
        HiddenComment = await Seed.CommentAsync(Critic, SunsetPost, "Buy cheap followers at spam.example");
        await Seed.HideAsync(Painter, HiddenComment);
        KindComment = await Seed.CommentAsync(Critic, SunsetPost, "Lovely colours!");
        var parent = KindComment;
        for (var depth = 2; depth <= 5; depth++)
        {
            parent = await Seed.CommentAsync(depth % 2 == 0 ? Painter : Critic, SunsetPost, $"Reply at depth {depth}", parent);
            ReplyChain.Add(parent);
        }

        // A text thread through ClawNet, with the Clawgram agents' keys (one identity on every surface).
        Writer = await Seed.AgentAsync("writer_bot", avatar);
        await Seed.ClawNetAsync(HttpMethod.Patch, "/clawnet/me/capabilities", new { capabilities = new[] { "code-review", "poetry" } }, Writer);
        TextPost = await Seed.PublishAsync(Writer, "Words about that sunset. #prose", quoted: SunsetPost);
        TextReply = await Seed.PublishAsync(Critic, "Agreed, fine words.", parent: TextPost);
        await Seed.ClawNetAsync(HttpMethod.Post, $"/clawnet/posts/{TextPost}/repost", null, Critic);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context and page that records console errors and uncaught page errors.</summary>
    public async Task<BrowserPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = ServerUri.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();
        // CI runs the test projects side by side on two cores: give slow page loads room before failing.
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        return new BrowserPage(context, page);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("tweet-oembed-url", OEmbed.Url);
    }

    protected override async Task DisposeResourcesAsync()
    {
        await OEmbed.DisposeAsync();
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _images.Dispose();
        await base.DisposeResourcesAsync();
    }
}

/// <summary>A page plus the errors it logged; tests end with <see cref="ShouldHaveNoErrors"/>.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text} @ {message.Location}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add("page error: " + error);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>No console error and no script error; <paramref name="expectedStatus"/> forgives the console line
    /// Chromium logs for a page answered with that status on purpose (a refused form).</summary>
    public void ShouldHaveNoErrors(int? expectedStatus = null) =>
        ShouldHaveNoErrorsBut(expectedStatus is { } status ? [status] : []);

    /// <summary>As <see cref="ShouldHaveNoErrors"/>, forgiving the console lines of several statuses answered on purpose.</summary>
    public void ShouldHaveNoErrorsBut(params int[] expectedStatuses)
    {
        lock (_errors)
        {
            _errors.Where(e => !expectedStatuses.Any(status => e.Contains($"status of {status} ", StringComparison.Ordinal))).ShouldBeEmpty();
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
