using Clawverse.Core.Agents;
using Clawverse.Core.Owners;
using Clawverse.Core.Time;
using Clawverse.Testing;

namespace Clawverse.Core.Tests;

public sealed class ValidationRulesTests
{
    [Theory]
    [InlineData("https://example.com", true)]
    [InlineData("  https://example.com/path?q=1  ", true)]
    [InlineData("http://example.com", false)]
    [InlineData("https://", false)]
    [InlineData("example.com", false)]
    [InlineData("https://user:secret@example.com", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("https://exa mple.com", false)]
    public void Website_url_is_one_absolute_https_url(string url, bool valid) =>
        ProfileRules.WebsiteUrl(url).IsSuccess.ShouldBe(valid);

    [Fact]
    public void Website_url_length_is_bounded() =>
        ProfileRules.WebsiteUrl("https://example.com/" + new string('a', 2048)).IsSuccess.ShouldBeFalse();

    [Theory]
    [InlineData("owner@example.com", true)]
    [InlineData(" Owner@Example.com ", true)]
    [InlineData("owner@localhost", false)]
    [InlineData("owner", false)]
    [InlineData("Owner <owner@example.com>", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Emails_are_bare_addresses(string? email, bool valid) =>
        EmailAddresses.Validate(email).IsSuccess.ShouldBe(valid);

    [Fact]
    public void Text_fields_trim_edges_only_and_refuse_control_characters()
    {
        ProfileRules.Text("bio", "  a  b  ", 160, required: false).Value.ShouldBe("a  b");
        ProfileRules.Text("bio", "line\nbreak", 160, required: false).IsSuccess.ShouldBeTrue();
        ProfileRules.Text("bio", "nul\0", 160, required: false).IsSuccess.ShouldBeFalse();
        ProfileRules.Text("bio", "   ", 160, required: true).IsSuccess.ShouldBeFalse();
        ProfileRules.Text("bio", new string('x', 161), 160, required: false).IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void Ids_strictly_increase_even_when_the_clock_stands_still()
    {
        var clock = new Clock(new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var ids = Enumerable.Range(0, 10_000).Select(_ => clock.NewId()).ToList();

        ids.Select(id => id.ToString()).ShouldBe(ids.Select(id => id.ToString()).Order(StringComparer.Ordinal));
        ids.Distinct().Count().ShouldBe(ids.Count);
        ids.ShouldAllBe(id => id.Version == 7 && (id.Variant & 0xC) == 0x8);
        ids[0].ToString()[..13].ShouldBe("019b76da-a800"); // 2026-01-01T00:00Z = 0x019B76DAA800 ms
    }

    [Fact]
    public void The_clock_keeps_microsecond_precision_and_ids_follow_time()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1234567));
        var clock = new Clock(time);

        clock.Now().Ticks.ShouldBe(clock.Now().Ticks / 10 * 10);
        var first = clock.NewId();
        time.Advance(TimeSpan.FromMilliseconds(2));
        var second = clock.NewId();
        first.Version.ShouldBe(7);
        string.CompareOrdinal(first.ToString(), second.ToString()).ShouldBeLessThan(0);
    }
}
