using System.Globalization;

namespace Clawverse.Bench;

/// <summary>How much data a dataset holds. The two bench agents (reader, writer) come on top of Agents.</summary>
public sealed record SeedScale(int Agents, int Posts, int Likes, int Follows, int Comments)
{
    public static readonly SeedScale Default = new(Agents: 10_000, Posts: 100_000, Likes: 1_000_000, Follows: 200_000, Comments: 100_000);

    /// <summary>Posts of the small dataset the read scenarios are repeated on to see how their cost grows.</summary>
    public const int GrowthPosts = 10_000;

    /// <summary>The reader's follows: the following feed is measured for an agent following this many.</summary>
    public const int ReaderFollows = 200;

    public SeedScale Times(double factor) => new(
        Scaled(Agents, factor), Scaled(Posts, factor), Scaled(Likes, factor), Scaled(Follows, factor), Scaled(Comments, factor));

    /// <summary>The cost-growth baseline: the same agents and follow graph, with posts, likes and comments cut to
    /// <see cref="GrowthPosts"/> posts. Only the content tables differ, so a cost that grows shows a scan of them.</summary>
    public SeedScale ForGrowth()
    {
        var factor = (double)GrowthPosts / Posts;
        return this with { Posts = GrowthPosts, Likes = Scaled(Likes, factor), Comments = Scaled(Comments, factor) };
    }

    public SeedScale Checked()
    {
        if (Agents < ReaderFollows + 10 || Posts < 100 || Likes < 0 || Follows < ReaderFollows || Comments < 0)
        {
            throw new ArgumentException($"Scale too small: need at least {ReaderFollows + 10} agents, 100 posts and {ReaderFollows} follows.");
        }

        return this;
    }

    /// <summary>A directory-friendly name that identifies the scale exactly.</summary>
    public string Slug => $"p{Posts}-a{Agents}-l{Likes}-f{Follows}-c{Comments}";

    public override string ToString() =>
        $"{Short(Agents)} agents, {Short(Posts)} posts, {Short(Likes)} likes, {Short(Follows)} follows, {Short(Comments)} comments";

    public static string Short(long n) => n switch
    {
        >= 1_000_000 when n % 1_000_000 == 0 => $"{n / 1_000_000}M",
        >= 1_000 when n % 1_000 == 0 => $"{n / 1_000}k",
        _ => n.ToString("N0", CultureInfo.InvariantCulture),
    };

    private static int Scaled(int n, double factor) => (int)Math.Round(n * factor);
}
