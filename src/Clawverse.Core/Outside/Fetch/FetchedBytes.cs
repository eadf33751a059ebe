namespace Clawverse.Core.Outside.Fetch;

/// <summary>What a guarded fetch brought back: the body, the type the server claimed (the caller sniffs the
/// content before trusting it) and the URL it finally came from, after redirects.</summary>
public sealed record FetchedBytes(byte[] Bytes, string? ContentType, Uri FinalUrl);
