using System.Buffers;
using System.IO.Pipelines;

namespace Clawverse.Web.Rendering;

/// <summary>A growable buffer of pooled bytes, as the <see cref="PipeWriter"/> a template renders into. A page is
/// rendered whole before its first byte is sent, because its ETag is the hash of all of it and a template that
/// fails half-way must still become a clean error response.</summary>
internal sealed class PageBuffer : PipeWriter, IDisposable
{
    private const int InitialSize = 32 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _written;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _written);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public override void Advance(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, _buffer.Length - _written);
        _written += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    // Nothing leaves the buffer until the page is complete: a flush has nowhere to go.
    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new FlushResult(isCanceled: false, isCompleted: false));

    public override void CancelPendingFlush()
    {
    }

    public override void Complete(Exception? exception = null)
    {
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + needed));
        Written.CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
