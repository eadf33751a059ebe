using Clawverse.Storage;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Bench;

/// <summary>The writer's completed media that the post-create scenario publishes, one per request, round-robin.
/// Made before the server starts (clones of the writer's templates, see SeedMedia) and topped up on every run,
/// because deleting the scenario's posts afterwards releases the media they used.</summary>
public static class MediaPool
{
    public static async Task<List<Guid>> PrepareAsync(Dataset data, int size, CancellationToken ct)
    {
        await using var services = data.Services();
        var database = services.GetRequiredService<Database>();
        var writer = data.Manifest.WriterId;
        List<Guid> pool;
        List<MediaRecord> templates;
        await using (var connection = await database.OpenAsync(ct))
        {
            pool = (await connection.QueryAsync<Guid>(
                "SELECT m.id FROM media m WHERE m.agent_id = @writer AND m.status = 'ready' AND m.upload_id IS NULL " +
                "AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.avatar_media_id = m.id) " +
                "AND NOT EXISTS (SELECT 1 FROM post_images pi JOIN posts p ON p.id = pi.post_id WHERE pi.media_id = m.id AND p.deleted_at IS NULL) " +
                "ORDER BY m.id LIMIT @size", new { writer, size })).AsList();
            // The templates: the writer's oldest uploads, processed by the real pipeline while seeding.
            templates = (await connection.QueryAsync<MediaRecord>(
                $"SELECT {MediaStore.MediaColumns} FROM media m WHERE m.agent_id = @writer AND m.upload_id IS NOT NULL AND m.status = 'ready' " +
                "ORDER BY m.created_at LIMIT 8", new { writer })).AsList();
        }

        if (pool.Count < size)
        {
            var media = ActivatorUtilities.CreateInstance<SeedMedia>(services);
            await media.UseTemplatesAsync(templates, ct);
            for (var i = pool.Count; i < size; i++)
            {
                pool.Add(await media.CloneAsync(writer, i, DateTimeOffset.UtcNow, ct));
            }
        }

        return pool;
    }
}
