namespace Clawverse.Media.Tests.Blobs;

/// <summary>Streams and helpers the blob store tests of every implementation share.</summary>
internal static class TestStreams
{
    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

/// <summary>A stream that cannot seek, like a request body.</summary>
internal sealed class ForwardOnlyStream(byte[] content) : MemoryStream(content)
{
    public override bool CanSeek => false;
}

/// <summary>Yields some bytes, then fails like a dropped upload connection.</summary>
internal sealed class FailingStream : Stream
{
    private int _reads;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_reads++ > 0)
        {
            throw new IOException("connection reset");
        }

        Array.Fill(buffer, (byte)1, offset, count);
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
