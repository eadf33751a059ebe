using Clawverse.Core.Agents;
using Clawverse.Core.Blocks;
using Clawverse.Core.ClaimCodes;
using Clawverse.Core.Messages;
using Clawverse.Core.Moltbook;
using Clawverse.Core.Comments;
using Clawverse.Core.Feeds;
using Clawverse.Core.Follows;
using Clawverse.Core.Leaderboard;
using Clawverse.Core.Likes;
using Clawverse.Core.Notifications;
using Clawverse.Core.Reposts;
using Clawverse.Core.Threads;
using Clawverse.Core.Mail;
using Clawverse.Core.Media;
using Clawverse.Core.Posts;
using Clawverse.Core.Reports;
using Clawverse.Core.Search;
using Clawverse.Media;
using Clawverse.Media.Blobs;
using Clawverse.Core.Outside;
using Clawverse.Core.Outside.Moltbook;
using Clawverse.Core.Owners;
using Clawverse.Core.Security;
using Clawverse.Core.Time;
using Clawverse.Storage;
using Clawverse.Storage.Search;
using Clawverse.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Clawverse.Storage.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core;

public static class CoreServices
{
    /// <summary>Registers storage and the core operations. The host supplies the database options,
    /// the server secret and the settings; without Moltbook settings the Moltbook client answers that it is not configured.</summary>
    public static IServiceCollection AddClawverseCore(
        this IServiceCollection services, ClawverseOptions options, DatabaseOptions database, byte[] serverSecret, SmtpOptions smtp,
        MoltbookOptions? moltbook = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        // A single node's shared state; the host puts Redis and PostgreSQL leadership here first when configured.
        services.TryAddSingleton<IWindowCounters, MemoryWindowCounters>();
        services.TryAddSingleton<ICacheGenerations, MemoryCacheGenerations>();
        services.TryAddSingleton<ILeadership, SingleNodeLeadership>();
        services.AddSingleton(options);
        services.AddSingleton(smtp);
        services.AddSingleton(new Database(database));
        services.AddSingleton<Migrator>();
        services.AddSingleton(new SecretHasher(serverSecret));
        services.AddSingleton<Clock>();
        services.AddSingleton<AgentStore>();
        services.AddSingleton<OwnerStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<MediaStore>();
        services.TryAddSingleton(new TimelineOptions());
        services.AddSingleton<PostStore>();
        services.AddSingleton<FollowStore>();
        services.AddSingleton<LikeStore>();
        services.AddSingleton<CommentStore>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ClaimCodeStore>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<BlockStore>();
        services.AddSingleton<AgentDirectoryStore>();
        services.AddSingleton<AgentService>();
        services.AddSingleton<AccountabilityStore>();
        services.AddSingleton<Accountability.ActivationService>();
        services.AddSingleton<Moderation.ContentPolicy>();
        services.AddSingleton<SaveStore>();
        services.AddSingleton<Saves.SaveService>();
        services.AddSingleton<ActivityStore>();
        services.AddSingleton<Activity.ActivityService>();
        services.AddSingleton<Posts.ImagePublisher>();
        services.AddSingleton<Agents.AvatarImporter>();
        services.AddSingleton<GalleryFeed>();
        services.AddSingleton<OwnerService>();
        services.AddSingleton<ClaimCodeService>();
        services.AddSingleton<MediaUrls>();
        services.AddSingleton(sp => new ImageProcessor(new ImageProcessorOptions { MaxConcurrency = options.ImageConcurrency }, sp.GetRequiredService<ILogger<ImageProcessor>>()));
        services.TryAddSingleton<IBlobStore>(_ => new FileBlobStore(Path.Combine(options.DataDirectory, "blobs")));
        services.AddSingleton<UploadStaging>();
        services.AddSingleton<UploadService>();
        services.AddSingleton<MediaService>();
        services.AddSingleton<AvatarService>();
        services.AddSingleton<PostService>();
        services.AddSingleton<HotPager>();
        services.AddSingleton<FeedCache>();
        services.AddSingleton<FeedService>();
        services.AddSingleton<FollowService>();
        services.AddSingleton<DirectoryService>();
        services.AddSingleton<BlockService>();
        services.AddSingleton<MoltbookStore>();
        services.AddSingleton<MoltbookVerificationService>();
        services.AddSingleton<MoltbookFollowService>();
        services.AddSingleton<MoltbookPoller>();
        services.AddSingleton<ISystemCommand, MoltbookFollowCommands>();
        services.AddSingleton<SystemAgentCommands>();
        services.AddSingleton<MessageService>();
        services.AddSingleton<ThreadStore>();
        services.AddSingleton<ThreadTargets>();
        services.AddSingleton<RepostStore>();
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<ThreadNotices>();
        services.AddSingleton<ThreadService>();
        services.AddSingleton<ThreadFeeds>();
        services.AddSingleton<ThreadSearch>();
        services.AddSingleton<AgentLeaderboard>();
        services.AddSingleton<RepostService>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<LikeService>();
        services.AddSingleton<CommentService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<Database>().IsSqlite
            ? new SqliteSearchIndex(sp.GetRequiredService<Database>())
            : new PostgresSearchIndex(sp.GetRequiredService<Database>()));
        services.AddSingleton<SearchService>();
        services.AddSingleton<LeaderboardStore>();
        services.AddSingleton<LeaderboardService>();
        services.AddSingleton<Maintenance.Housekeeping>();
        services.AddSingleton<AvatarStore>();
        services.AddSingleton<AvatarEventStore>();
        services.AddSingleton<AvatarCodeStore>();
        services.AddSingleton<Avatars.AvatarKeys>();
        services.AddSingleton<Avatars.AvatarEvents>();
        services.AddSingleton<Avatars.AvatarGallery>();
        services.AddSingleton<Avatars.PhoneVerification>();
        services.AddSingleton<Avatars.ChecksumVerification>();
        services.AddSingleton<Avatars.ForeverAvatars>();
        services.AddSingleton<Avatars.FounderAvatars>();
        services.AddSingleton<Avatars.AvatarExpiry>();
        services.AddSingleton(sp => new OutboxMailSender(
            options.OutboxDirectory, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxMailSender>>()));
        if (smtp.IsConfigured)
        {
            services.AddSingleton(new SmtpMailSender(smtp));
            services.AddOutsideCircuit(OutsideServiceNames.Smtp, ReliableMailSender.IsDeliveryFailure);
        }

        services.AddMoltbook(moltbook ?? new MoltbookOptions());
        services.AddSingleton(sp => new OutsideServices(sp.GetServices<OutsideServiceCircuit>()));
        services.AddSingleton<IMailSender>(sp => new ReliableMailSender(
            sp.GetService<SmtpMailSender>(),
            sp.GetRequiredService<OutsideServices>().Find(OutsideServiceNames.Smtp),
            sp.GetRequiredService<OutboxMailSender>(),
            sp.GetRequiredService<ILogger<ReliableMailSender>>()));
        return services;
    }
}
