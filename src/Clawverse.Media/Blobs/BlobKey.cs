namespace Clawverse.Media.Blobs;

/// <summary>
/// The key syntax every blob store accepts: 1–512 characters of segments separated by '/',
/// each segment made of ASCII letters, digits, '-', '_' and '.', not starting with '.'.
/// That rules out traversal ("..", "."), absolute paths, backslashes, empty segments, hidden
/// files (the file store's temp files start with '.') and anything S3 would need to escape.
/// </summary>
public static class BlobKey
{
    public const int MaxLength = 512;

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
            return false;

        foreach (string segment in key.Split('/'))
        {
            if (!IsValidSegment(segment))
                return false;
        }

        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid key.</summary>
    public static void Validate(string? key, string paramName = "key")
    {
        if (!IsValid(key))
            throw new ArgumentException("Invalid blob key.", paramName);
    }

    /// <summary>
    /// A list prefix is "" or a key prefix: the same rules, except that it may end with '/' or
    /// in the middle of a segment.
    /// </summary>
    public static bool IsValidPrefix(string? prefix)
    {
        if (prefix is null || prefix.Length > MaxLength)
            return false;
        if (prefix.Length == 0)
            return true;

        string trimmed = prefix.EndsWith('/') ? prefix[..^1] : prefix;
        return IsValid(trimmed);
    }

    private static bool IsValidSegment(string segment)
    {
        if (segment.Length == 0 || segment[0] == '.')
            return false;

        foreach (char c in segment)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                return false;
        }

        return true;
    }
}
