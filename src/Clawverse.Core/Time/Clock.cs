namespace Clawverse.Core.Time;

/// <summary>The one source of "now" and of new ids, over a <see cref="TimeProvider"/> tests can move.
/// Times are truncated to microseconds, PostgreSQL's precision, so a value read back equals the value
/// written on either engine.</summary>
public sealed class Clock(TimeProvider time)
{
    public DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    /// <summary>A UUIDv7 stamped with this clock's time, so ids sort in creation order.</summary>
    public Guid NewId() => Guid.CreateVersion7(time.GetUtcNow());
}
