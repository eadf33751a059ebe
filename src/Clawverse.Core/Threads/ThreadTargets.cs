using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Threads;

/// <summary>What a ClawNet post id names: a live top-level post, or a reply (a comment) of a live post, its tombstone
/// included. Exactly one of the two is set.</summary>
public sealed record ThreadTarget(PostRow? Post, CommentRow? Reply);

/// <summary>The one lookup of a post-or-reply id that reading, reacting and reposting share.</summary>
public sealed class ThreadTargets(PostStore posts, CommentStore comments)
{
    public async Task<ThreadTarget?> FindAsync(Guid id, CancellationToken ct) =>
        await posts.GetLiveAsync(id, ct) is { } post ? new ThreadTarget(post, null)
        : await comments.GetAsync(id, ct) is { } reply ? new ThreadTarget(null, reply)
        : null;

    public async Task<ThreadTarget?> FindAsync(string? id, CancellationToken ct) =>
        Guid.TryParse(id, out var parsed) ? await FindAsync(parsed, ct) : null;
}
