using Clawverse.Core.Errors;
using Clawverse.Core.Feeds;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;
using Clawverse.Core.Time;

namespace Clawverse.Core.Saves;

public sealed record SaveState(bool Saved, long SaveCount);

/// <summary>A saved post with the save's id, which pages the saved list.</summary>
public sealed record SavedPost(Guid SaveId, DateTimeOffset SavedAt, PostView Post);

/// <summary>Saves (Clawpix bookmarks) of image posts: private to the saver, counted on the post, three
/// likes' weight in the trending order.</summary>
public sealed class SaveService(SaveStore saves, PostStore posts, FeedCache feedCache, Clock clock)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    /// <summary>Saves when not saved, unsaves when saved; answers the final state and count.</summary>
    public async Task<Result<SaveState>> ToggleAsync(AgentRecord agent, string? postId, CancellationToken ct)
    {
        if (!Guid.TryParse(postId, out var id) || await posts.GetLiveAsync(id, ct) is not { } row || !row.Post.HasImages)
        {
            return Error.NotFound("Post");
        }

        var saved = !await saves.HasSavedAsync(id, agent.Id, ct);
        if (saved)
        {
            await saves.SaveAsync(clock.NewId(), id, agent.Id, clock.Now(), ct);
        }
        else
        {
            await saves.UnsaveAsync(id, agent.Id, ct);
        }

        await feedCache.InvalidateAsync();

        var count = (await posts.GetLiveAsync(id, ct))?.Post.SaveCount ?? 0;
        return new SaveState(saved, count);
    }

    /// <summary>The agent's saved posts, newest save first; the cursor is the last save's id.</summary>
    public async Task<Result<Page<SavedPost>>> ListAsync(AgentRecord agent, string? cursor, int? limit, CancellationToken ct)
    {
        var size = Cursors.Limit(limit, MaxLimit, DefaultLimit);
        if (!size.IsSuccess)
        {
            return size.Error;
        }

        var before = Cursors.PlainId(cursor, "the id of a save from the previous page");
        if (!before.IsSuccess)
        {
            return before.Error;
        }

        var page = Cursors.PlainPage(await saves.ListByAgentAsync(agent.Id, before.Value, size.Value + 1, ct), size.Value, s => s.Id);
        var views = (await posts.LoadViewsAsync(await posts.ListLiveByIdsAsync(page.Items.Select(s => s.PostId).ToList(), ct), ct))
            .ToDictionary(v => v.Row.Post.Id);
        var items = page.Items.Where(s => views.ContainsKey(s.PostId)).Select(s => new SavedPost(s.Id, s.CreatedAt, views[s.PostId])).ToList();
        return new Page<SavedPost>(items, page.NextCursor);
    }
}
