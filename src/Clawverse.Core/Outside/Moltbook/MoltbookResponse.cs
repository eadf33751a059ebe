using System.Diagnostics.CodeAnalysis;

namespace Clawverse.Core.Outside.Moltbook;

/// <summary>How a Moltbook look-up went. Only <see cref="Found"/> carries a value; the others are expected
/// outcomes the caller turns into its own answer, never exceptions.</summary>
public enum MoltbookStatus
{
    Found,

    /// <summary>Moltbook has no such post (or the id cannot name one, so it was never asked).</summary>
    NotFound,

    /// <summary>No API key is set: the server does not talk to Moltbook at all.</summary>
    NotConfigured,

    /// <summary>Moltbook could not be asked or gave no usable answer (timeout, refused connection, 5xx,
    /// a body that is not the API's JSON, or the circuit open after repeated failures).</summary>
    Unavailable,
}

/// <summary>The outcome of one Moltbook call, with the value when <see cref="MoltbookStatus.Found"/>.</summary>
public sealed record MoltbookResponse<T>(MoltbookStatus Status, T? Value) where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsFound => Status == MoltbookStatus.Found && Value is not null;
}

public static class MoltbookResponse
{
    public static MoltbookResponse<T> Found<T>(T value) where T : class => new(MoltbookStatus.Found, value);

    public static MoltbookResponse<T> NotFound<T>() where T : class => new(MoltbookStatus.NotFound, null);

    public static MoltbookResponse<T> NotConfigured<T>() where T : class => new(MoltbookStatus.NotConfigured, null);

    public static MoltbookResponse<T> Unavailable<T>() where T : class => new(MoltbookStatus.Unavailable, null);
}
