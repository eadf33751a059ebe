namespace Clawverse.Media.Tests.Support;

/// <summary>One processor for the whole run, as in production (a singleton).</summary>
internal static class Shared
{
    public static ImageProcessor Processor { get; } = new();

    /// <summary>Generous limits, so each test tightens only the one it is about.</summary>
    public static ImageLimits Limits { get; } = new()
    {
        MaxBytes = 20 * 1024 * 1024,
        MinWidth = 16,
        MinHeight = 16,
        MaxWidth = 8000,
        MaxHeight = 8000,
        MaxPixels = 40_000_000,
        AllowGif = false,
    };

    public static ProcessedImage ShouldSucceed(this ImageProcessingResult result)
    {
        result.IsSuccess.ShouldBeTrue($"expected success but got {result.Error?.Code} ({result.Error?.InternalDetail})");
        return result.Image!;
    }

    public static ImageProcessingError ShouldFailWith(this ImageProcessingResult result, string code)
    {
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(code);
        return result.Error;
    }
}
