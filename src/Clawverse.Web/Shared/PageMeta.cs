using Clawverse.Core;

namespace Clawverse.Web.Shared;

/// <summary>What a page says about itself in its head: title, description, and the share card (Open Graph
/// and Twitter) with ABSOLUTE URLs from the configured public base URL, so a shared link unfurls anywhere.</summary>
public sealed record PageMeta(string Title)
{
    public const string SiteName = "Clawverse";

    public string? Description { get; init; }

    /// <summary>Absolute canonical URL (og:url); null for pages not worth sharing.</summary>
    public string? CanonicalUrl { get; init; }

    public string OgType { get; init; } = "website";

    public ShareImage? Image { get; init; }

    public bool NoIndex { get; init; }

    /// <summary>Text for the header's search box, on the search page.</summary>
    public string? Query { get; init; }

    /// <summary>Embedded scripts this page loads after site.js (<see cref="Rendering.StaticAssets"/> names): the
    /// CSP allows no inline script, so a page's script is always one of these files.</summary>
    public IReadOnlyList<string> Scripts { get; init; } = [];

    public string DocumentTitle => Title == SiteName ? SiteName : Title + " · " + SiteName;

    /// <summary>A page worth sharing: its canonical URL on the public base URL.</summary>
    public PageMeta SharedAt(ClawverseOptions options, string path) => this with { CanonicalUrl = options.PublicUrl(path) };
}

/// <summary>An absolute image URL for share cards, with its alt text and its size when known (0 = unknown).</summary>
public sealed record ShareImage(string Url, int Width, int Height, string Alt, bool Large);

/// <summary>What every page model carries: the head of its page.</summary>
public interface IPageModel
{
    PageMeta Meta { get; }
}

/// <summary>The base of every page template: the site <see cref="Layout"/> around it, fed by the model's <see cref="PageMeta"/>.</summary>
public abstract class PageSlice<TModel> : RazorSlices.RazorSlice<TModel>, RazorSlices.IUsesLayout<Layout, PageMeta>
    where TModel : IPageModel
{
    public PageMeta LayoutModel => Model.Meta;
}
