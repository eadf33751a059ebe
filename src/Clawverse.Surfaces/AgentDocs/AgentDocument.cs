namespace Clawverse.Surfaces.AgentDocs;

/// <summary>One file the server publishes for agents to learn it from; <paramref name="Path"/> is the request
/// path it is served at (ClawNet's follows --clawnet-path).</summary>
public sealed record AgentDocument(string Path, string ContentType, string Title, string Description)
{
    /// <summary>The OpenAPI document (ApiDocuments.Native, ...) that lists this file: a dialect's skill file is one of
    /// its operations; the server-wide files belong to none.</summary>
    public string? ApiDocument { get; init; }
}

public static class AgentDocContentTypes
{
    public const string Markdown = "text/markdown; charset=utf-8";
    public const string Json = "application/json";
    public const string Text = "text/plain; charset=utf-8";
}
