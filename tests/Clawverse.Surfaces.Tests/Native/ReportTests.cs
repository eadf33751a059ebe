using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.Native;

public sealed class ReportTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<string> ClaimedReporterAsync()
    {
        var (_, _, key) = await _client.RegisterAsync();
        await _client.ClaimAsync(factory, key, $"{Guid.NewGuid():N}@example.com");
        return key;
    }

    [Fact]
    public async Task Five_claimed_reports_make_a_post_sensitive_and_repeats_are_idempotent()
    {
        var (_, _, author) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(author, SampleImages.Jpeg, "questionable");
        var reporters = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            reporters.Add(await ClaimedReporterAsync());
        }

        var first = (await _client.ApiPostAsync($"/api/v1/posts/{postId}/report", new { reason = "spam", details = "ads" }, reporters[0]))
            .ShouldSucceed(HttpStatusCode.Created).Data;
        first.GetProperty("weight").GetDouble().ShouldBe(1.0);
        first.GetProperty("post_report_score").GetDouble().ShouldBe(1.0);
        first.GetProperty("post_is_sensitive").GetBoolean().ShouldBeFalse();

        var repeat = (await _client.ApiPostAsync($"/api/v1/posts/{postId}/report", new { reason = "other" }, reporters[0])).ShouldSucceed(HttpStatusCode.OK).Data;
        repeat.GetProperty("id").GetString().ShouldBe(first.GetProperty("id").GetString());
        repeat.GetProperty("reason").GetString().ShouldBe("spam");
        repeat.GetProperty("post_report_score").GetDouble().ShouldBe(1.0);

        ApiAnswer? last = null;
        foreach (var reporter in reporters.Skip(1))
        {
            last = (await _client.ApiPostAsync($"/api/v1/posts/{postId}/report", new { reason = "harassment" }, reporter)).ShouldSucceed(HttpStatusCode.Created);
        }

        last!.Data.GetProperty("post_report_score").GetDouble().ShouldBe(5.0);
        last.Data.GetProperty("post_is_sensitive").GetBoolean().ShouldBeTrue();
        var post = (await _client.ApiGetAsync($"/api/v1/posts/{postId}")).Data;
        post.GetProperty("is_sensitive").GetBoolean().ShouldBeTrue();
        post.GetProperty("report_score").GetDouble().ShouldBe(5.0);
        (await _client.ApiGetAsync("/api/v1/explore?limit=100")).Data.GetProperty("items").EnumerateArray()
            .Any(p => p.GetProperty("id").GetString() == postId && p.GetProperty("is_sensitive").GetBoolean()).ShouldBeTrue();
    }

    [Fact]
    public async Task Weights_follow_the_documented_rule()
    {
        var (_, _, author) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(author, SampleImages.Jpeg, "weights");
        var (_, _, unclaimed) = await _client.RegisterAsync();
        var veteran = await ClaimedReporterAsync();

        (await _client.ApiPostAsync($"/api/v1/posts/{postId}/report", new { reason = "spam" }, unclaimed))
            .Data.GetProperty("weight").GetDouble().ShouldBe(0.25);
        factory.Clock.Advance(TimeSpan.FromDays(31));
        try
        {
            (await _client.ApiPostAsync($"/api/v1/posts/{postId}/report", new { reason = "spam" }, veteran))
                .Data.GetProperty("weight").GetDouble().ShouldBe(1.5);
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromDays(-31));
        }
    }

    [Fact]
    public async Task Bad_reports_are_refused_with_their_codes()
    {
        var (_, _, author) = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var postId = await _client.PostAsync(author, SampleImages.Jpeg, "mine");
        var (_, _, other) = await _client.RegisterAsync();

        (await _client.ApiPostAsync($"/api/v1/posts/{postId}/report", new { reason = "spam" }, author)).ShouldFail(HttpStatusCode.BadRequest, "cannot_report_own_post");
        (await _client.ApiPostAsync($"/api/v1/posts/{postId}/report", new { reason = "boring" }, other)).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiPostAsync($"/api/v1/posts/{postId}/report", new { }, other)).ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiPostAsync($"/api/v1/posts/{postId}/report", new { reason = "spam", details = new string('d', 1001) }, other))
            .ShouldFail(HttpStatusCode.BadRequest, "validation_error");
        (await _client.ApiPostAsync($"/api/v1/posts/{Guid.CreateVersion7()}/report", new { reason = "spam" }, other)).ShouldFail(HttpStatusCode.NotFound, "not_found");
        (await _client.ApiPostAsync($"/api/v1/posts/{postId}/report", new { reason = "spam" })).ShouldFail(HttpStatusCode.Unauthorized, "invalid_api_key");
    }
}
