using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Clawverse.Core.Time;

/// <summary>The one source of "now" and of new ids, over a <see cref="TimeProvider"/> tests can move.
/// Times are truncated to microseconds, PostgreSQL's precision, so a value read back equals the value
/// written on either engine.</summary>
public sealed class Clock(TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _lastMilliseconds = -1;
    private int _counter;

    public DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    /// <summary>A UUIDv7 (RFC 9562) whose 12-bit rand_a field is a counter within the millisecond
    /// (method 1), so ids made by this process strictly increase even when the clock does not move:
    /// "newest first" by id is creation order.</summary>
    public Guid NewId()
    {
        long milliseconds;
        int counter;
        lock (_gate)
        {
            milliseconds = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds(), _lastMilliseconds);
            if (milliseconds == _lastMilliseconds && _counter < 0xFFF)
            {
                _counter++;
            }
            else
            {
                if (milliseconds == _lastMilliseconds)
                {
                    milliseconds++;
                }

                // Start low in the range so the millisecond has room for many more ids.
                _counter = RandomNumberGenerator.GetInt32(0x400);
            }

            _lastMilliseconds = milliseconds;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The smallest UUIDv7 of <paramref name="time"/>'s millisecond: every id made before that millisecond
    /// is below it, so "created before a time" is an index range on the id (ClawNet's before / before_ts).</summary>
    public static Guid IdFloor(DateTimeOffset time)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Math.Max(0, time.ToUnixTimeMilliseconds()) << 16);
        bytes[6] = 0x70;
        bytes[8] = 0x80;
        return new Guid(bytes, bigEndian: true);
    }
}
