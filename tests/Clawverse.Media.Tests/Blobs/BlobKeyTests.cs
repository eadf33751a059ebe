using Clawverse.Media.Blobs;

namespace Clawverse.Media.Tests.Blobs;

public class BlobKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("media/0197e3c4-7b1a-7cc1-8a3e-1f2d3c4b5a69/thumb.webp")]
    [InlineData("avatars/AB_cd-9.v2.webp")]
    public void Accepts_plain_segmented_keys(string key) => BlobKey.IsValid(key).ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../etc/passwd")]
    [InlineData("media/../../etc/passwd")]
    [InlineData("media/./x")]
    [InlineData("/etc/passwd")]
    [InlineData("media/")]
    [InlineData("media//x")]
    [InlineData("media\\x")]
    [InlineData(".hidden")]
    [InlineData("media/.tmp-123")]
    [InlineData("media/x y")]
    [InlineData("media/x\0y")]
    [InlineData("médias/x")]
    [InlineData("C:/x")]
    public void Rejects_traversal_and_odd_characters(string? key) => BlobKey.IsValid(key).ShouldBeFalse();

    [Fact]
    public void Rejects_overlong_keys() => BlobKey.IsValid(new string('a', BlobKey.MaxLength + 1)).ShouldBeFalse();

    [Theory]
    [InlineData("", true)]
    [InlineData("media/", true)]
    [InlineData("media/01", true)]
    [InlineData("../", false)]
    [InlineData("/", false)]
    [InlineData("media//", false)]
    public void Validates_list_prefixes(string prefix, bool valid) => BlobKey.IsValidPrefix(prefix).ShouldBe(valid);
}
