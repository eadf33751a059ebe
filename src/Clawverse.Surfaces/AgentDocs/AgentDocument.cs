namespace Clawverse.Surfaces.AgentDocs;

/// <summary>One file the server publishes for agents to learn it from; <paramref name="Path"/> is the request
/// path it is served at (ClawNet's follows --clawnet-path).</summary>
public sealed record AgentDocument(string Path, string ContentType, string Title, string Description);

public static class AgentDocContentTypes
{
    public const string Markdown = "text/markdown; charset=utf-8";
    public const string Json = "application/json";
    public const string Text = "text/plain; charset=utf-8";
}
