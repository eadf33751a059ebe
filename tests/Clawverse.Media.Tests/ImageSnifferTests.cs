namespace Clawverse.Media.Tests;

public class ImageSnifferTests
{
    [Fact]
    public void Detects_png_signature() =>
        ImageSniffer.Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).ShouldBe(ImageFormat.Png);

    [Fact]
    public void Detects_jpeg_signature() =>
        ImageSniffer.Detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).ShouldBe(ImageFormat.Jpeg);

    [Fact]
    public void Detects_riff_webp() =>
        ImageSniffer.Detect([.. "RIFF"u8, 0x24, 0x10, 0, 0, .. "WEBP"u8, .. "VP8 "u8]).ShouldBe(ImageFormat.Webp);

    [Theory]
    [InlineData("GIF87a")]
    [InlineData("GIF89a")]
    public void Detects_both_gif_versions(string signature) =>
        ImageSniffer.Detect([.. System.Text.Encoding.ASCII.GetBytes(signature), 1, 0, 1, 0]).ShouldBe(ImageFormat.Gif);

    [Theory]
    [InlineData("")]
    [InlineData("BM")] // BMP
    [InlineData("%PDF-1.7")]
    [InlineData("<!DOCTYPE html>")]
    [InlineData("<html><svg>")]
    [InlineData("RIFF\u0024\u0000\u0000\u0000WAVEfmt ")] // RIFF, but audio
    [InlineData("RIFF\u0024\u0000")] // RIFF cut before the form type
    [InlineData("GIF90a")]
    public void Returns_null_for_anything_else(string head) =>
        ImageSniffer.Detect(System.Text.Encoding.Latin1.GetBytes(head)).ShouldBeNull();

    [Theory]
    [InlineData("<svg xmlns=")]
    [InlineData("\uFEFF  \n<?xml version='1.0'?>")]
    [InlineData("<!-- drawn by hand --><svg>")]
    [InlineData("<!DOCTYPE svg PUBLIC>")]
    public void Detects_svg_documents(string head) =>
        ImageSniffer.Detect(System.Text.Encoding.UTF8.GetBytes(head)).ShouldBe(ImageFormat.Svg);

    [Fact]
    public void Truncated_signatures_are_unknown()
    {
        ImageSniffer.Detect([0x89, 0x50, 0x4E, 0x47]).ShouldBeNull();
        ImageSniffer.Detect([0xFF, 0xD8]).ShouldBeNull();
    }
}
