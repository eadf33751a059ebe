namespace Clawverse.Bench;

/// <summary>The seeder's clock: the core services read "now" from it, so seeded rows can be backdated (a month of
/// posts, UUIDv7 ids in time order). Each async flow sets its own instant, so parallel seeding workers do not
/// step on each other; where none was set, it is the real time.</summary>
public sealed class SeedTime : TimeProvider
{
    private readonly AsyncLocal<DateTimeOffset?> _now = new();

    public void Set(DateTimeOffset instant) => _now.Value = instant;

    public override DateTimeOffset GetUtcNow() => _now.Value ?? base.GetUtcNow();
}
