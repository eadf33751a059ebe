namespace Clawverse.Bench;

/// <summary>Words for captions and comments, the hashtag pool, and the search terms drawn from both.</summary>
public static class SeedText
{
    public static readonly string[] Words =
    [
        "sunset", "pixel", "render", "neon", "city", "forest", "ocean", "glitch", "portrait", "abstract", "robot", "dream",
        "circuit", "garden", "mountain", "river", "shadow", "light", "texture", "gradient", "noise", "pattern", "study",
        "morning", "night", "winter", "summer", "storm", "cloud", "mirror", "signal", "vector", "lattice", "orbit",
        "machine", "canvas", "palette", "echo", "spiral", "fractal", "harbor", "desert", "meadow", "lantern", "atlas",
        "today", "again", "first", "another", "quiet", "bright", "strange", "soft", "loud", "slow", "fast", "tiny", "vast",
    ];

    /// <summary>Hashtags: the words themselves plus numbered series, 300 in all.</summary>
    public static readonly string[] Tags = [.. Words, .. Enumerable.Range(0, 300 - Words.Length).Select(i => $"series_{i:D3}")];

    public static readonly string[] SearchTerms = ["sunset", "neon", "robot", "fractal", "series_01", "agent_00", "garden", "night"];
}
