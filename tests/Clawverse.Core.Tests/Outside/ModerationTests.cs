using System.Diagnostics;
using System.Text.Json;
using Clawverse.Core.Outside;
using Clawverse.Core.Outside.Moderation;
using Clawverse.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clawverse.Core.Tests.Outside;

/// <summary>The word list's matching, and the moderation API client against the local stub: what it sends,
/// how it reads verdicts, and that every failure comes back unavailable for the caller's fallback.</summary>
public sealed class ModerationTests
{
    private const string ApiKey = "sk-moderation-test-0123456789";

    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    [Theory]
    [InlineData("a bad word here")]
    [InlineData("Bad word")]
    [InlineData("A BAD WORD!")]
    [InlineData("this is a bad-word, really")]
    [InlineData("bad\nword")]
    [InlineData("bad\u00A0 \t word")]
    [InlineData("(bad_word)")]
    [InlineData("ｂａｄ ｗｏｒｄ")]
    [InlineData("𝐛𝐚𝐝 𝐰𝐨𝐫𝐝")]
    [InlineData("bád wörd")]
    [InlineData("b4d w0rd")]
    [InlineData("b a d word")]
    public void A_phrase_matches_as_whole_words_whatever_the_case_spacing_and_compatibility_form(string text) =>
        new WordList(["Bad word"]).Matches(text).ShouldBeTrue(text);

    [Theory]
    [InlineData("a badword here")]
    [InlineData("bad wordsmith")]
    [InlineData("abad word")]
    [InlineData("bad, good word")]
    [InlineData("word bad")]
    [InlineData("bad")]
    [InlineData("")]
    [InlineData(null)]
    public void A_phrase_does_not_match_inside_other_words_or_out_of_order(string? text) =>
        new WordList(["Bad word"]).Matches(text).ShouldBeFalse(text ?? "null");

    [Theory]
    [InlineData("class")]
    [InlineData("assistant")]
    [InlineData("compass rose")]
    [InlineData("passé")]
    [InlineData("a s")]
    public void A_word_does_not_match_inside_another_word(string text) =>
        new WordList(["ass"]).Matches(text).ShouldBeFalse(text);

    [Theory]
    [InlineData("d\u200Barn")]
    [InlineData("da\u00ADrn")]
    [InlineData("d\u200Da\u2060r\u200Cn")]
    [InlineData("\uFEFFdarn\u200E")]
    [InlineData("dar\uFE0Fn")]
    [InlineData("D\u0336A\u0336R\u0336N\u0336")]
    [InlineData("ⓓⓐⓡⓝ")]
    [InlineData("DARN")]
    [InlineData("dArN it")]
    [InlineData("d a r n")]
    [InlineData("d.a.r.n")]
    [InlineData("d@rn")]
    [InlineData("d4rn")]
    [InlineData("@darn")]
    [InlineData("oh, darn!")]
    public void Case_invisible_characters_marks_and_stand_ins_do_not_hide_a_word(string text) =>
        new WordList(["darn"]).Matches(text).ShouldBeTrue(text);

    [Theory]
    [InlineData("$hit")]
    [InlineData("sh!t")]
    [InlineData("SH1T")]
    [InlineData("s h i t")]
    public void Symbols_and_digits_inside_a_word_read_as_letters(string text) =>
        new WordList(["shit"]).Matches(text).ShouldBeTrue(text);

    [Fact]
    public void Numbers_stay_numbers_and_an_empty_list_matches_nothing()
    {
        new WordList(["ieo"]).Matches("call 103 now").ShouldBeFalse("a number is not a word spelled in digits");
        new WordList([]).Matches("anything at all").ShouldBeFalse();
        new WordList(["", "   ", "!!!"]).Words.ShouldBeEmpty("entries with no letter or digit cannot match a whole word");
    }

    [Fact]
    public void A_word_list_file_has_one_entry_a_line_with_comments()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["# Blocked on this server", "", "  darn  ", "bad word # a phrase", "   # indented comment", "heck"]);

            var list = WordList.Load(path);

            list.Words.ShouldBe(["darn", "bad word", "heck"]);
            list.Matches("well HECK").ShouldBeTrue();
            list.Matches("a bad word").ShouldBeTrue();
            list.Matches("a phrase").ShouldBeFalse("the comment is not an entry");
            list.Matches("Blocked on this server").ShouldBeFalse();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Content_the_api_does_not_flag_is_allowed()
    {
        await using var stub = await ModerationStubServer.StartAsync();
        stub.FlagText("threat", "harassment");
        using var moderator = Moderator(stub.BaseUrl);

        var result = await moderator.CheckAsync(new ModerationInput("A sunny day at the beach"), CancellationToken.None);

        result.Verdict.ShouldBe(ModerationVerdict.Allowed);
        result.Reasons.ShouldBeEmpty();
        stub.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Flagged_content_carries_the_categories_set_to_true()
    {
        await using var stub = await ModerationStubServer.StartAsync();
        stub.FlagText("i will hurt you", "harassment/threatening", "violence");
        stub.FlagImages("sexual");
        using var moderator = Moderator(stub.BaseUrl);

        var text = await moderator.CheckAsync(new ModerationInput("I WILL HURT YOU"), CancellationToken.None);
        var image = await moderator.CheckAsync(new ModerationInput(null, Png, "image/png"), CancellationToken.None);

        text.Verdict.ShouldBe(ModerationVerdict.Flagged);
        text.Reasons.ShouldBe(["harassment/threatening", "violence"]);
        image.Verdict.ShouldBe(ModerationVerdict.Flagged);
        image.Reasons.ShouldBe(["sexual"]);
    }

    [Fact]
    public async Task The_request_carries_the_model_the_text_and_the_image_as_a_data_uri_with_the_key()
    {
        await using var stub = await ModerationStubServer.StartAsync();
        using var moderator = Moderator(stub.BaseUrl + "/", model: "omni-moderation-latest");

        await moderator.CheckAsync(new ModerationInput("caption \"quoted\" ünïcode", Png, "image/png"), CancellationToken.None);

        var request = stub.Requests.ShouldHaveSingleItem();
        (request.Method, request.Path, request.Authorization).ShouldBe(("POST", "/v1/moderations", "Bearer " + ApiKey));
        request.ContentType.ShouldNotBeNull().ShouldStartWith("application/json");
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        root.GetProperty("model").GetString().ShouldBe("omni-moderation-latest");
        var input = root.GetProperty("input");
        input.GetArrayLength().ShouldBe(2);
        input[0].GetProperty("type").GetString().ShouldBe("text");
        input[0].GetProperty("text").GetString().ShouldBe("caption \"quoted\" ünïcode");
        input[1].GetProperty("type").GetString().ShouldBe("image_url");
        input[1].GetProperty("image_url").GetProperty("url").GetString().ShouldBe("data:image/png;base64," + Convert.ToBase64String(Png));
    }

    [Fact]
    public async Task Only_the_parts_present_are_sent_and_a_missing_image_type_is_sniffed()
    {
        await using var stub = await ModerationStubServer.StartAsync();
        using var moderator = Moderator(stub.BaseUrl, apiKey: null);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16];

        await moderator.CheckAsync(new ModerationInput(null, jpeg), CancellationToken.None);
        await moderator.CheckAsync(new ModerationInput("just text"), CancellationToken.None);
        (await moderator.CheckAsync(new ModerationInput("   "), CancellationToken.None)).Verdict.ShouldBe(ModerationVerdict.Allowed);

        stub.Requests.Count.ShouldBe(2, "nothing to judge, no call");
        var bodies = stub.Requests.Select(request => JsonDocument.Parse(request.Body).RootElement).ToList();
        bodies.Select(body => body.TryGetProperty("model", out var model)).ShouldAllBe(hasModel => !hasModel);
        stub.Requests.ShouldAllBe(request => request.Authorization == null);
        var imageOnly = bodies[0].GetProperty("input").ShouldHaveSingleItemElement();
        imageOnly.GetProperty("image_url").GetProperty("url").GetString().ShouldBe("data:image/jpeg;base64," + Convert.ToBase64String(jpeg));
        bodies[1].GetProperty("input").ShouldHaveSingleItemElement().GetProperty("text").GetString().ShouldBe("just text");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(401)]
    [InlineData(429)]
    [InlineData(400)]
    public async Task A_failing_status_is_unavailable(int status)
    {
        await using var stub = await ModerationStubServer.StartAsync();
        stub.FailWith(status);
        using var moderator = Moderator(stub.BaseUrl);

        var result = await moderator.CheckAsync(new ModerationInput("text"), CancellationToken.None);

        result.Verdict.ShouldBe(ModerationVerdict.Unavailable);
        result.Reasons.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("""{"results": []}""")]
    [InlineData("""{"results": [{"categories": {"hate": true}}]}""")]
    [InlineData("""{"id": "modr-1"}""")]
    public async Task A_body_that_is_not_a_verdict_is_unavailable(string body)
    {
        await using var stub = await ModerationStubServer.StartAsync();
        stub.AnswerWith(body);
        using var moderator = Moderator(stub.BaseUrl);

        (await moderator.CheckAsync(new ModerationInput("text"), CancellationToken.None)).Verdict.ShouldBe(ModerationVerdict.Unavailable);
    }

    [Fact]
    public async Task Any_flagged_result_flags_and_reasons_come_from_every_result()
    {
        await using var stub = await ModerationStubServer.StartAsync();
        stub.AnswerWith("""
            {"id": "modr-2", "model": "m", "results": [
              {"flagged": false, "categories": {"hate": false, "violence": false}},
              {"flagged": true, "categories": {"hate": false, "violence": true, "self-harm": true}}]}
            """);
        using var moderator = Moderator(stub.BaseUrl);

        var result = await moderator.CheckAsync(new ModerationInput("text"), CancellationToken.None);

        result.Verdict.ShouldBe(ModerationVerdict.Flagged);
        result.Reasons.ShouldBe(["violence", "self-harm"]);
    }

    [Fact]
    public async Task A_slow_answer_times_out_as_unavailable()
    {
        await using var stub = await ModerationStubServer.StartAsync();
        stub.DelayBy(TimeSpan.FromSeconds(10));
        using var moderator = Moderator(stub.BaseUrl, timeout: TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        (await moderator.CheckAsync(new ModerationInput("text"), CancellationToken.None)).Verdict.ShouldBe(ModerationVerdict.Unavailable);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the timeout bounds the call");
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_swallowed()
    {
        await using var stub = await ModerationStubServer.StartAsync();
        stub.DelayBy(TimeSpan.FromSeconds(10));
        using var moderator = Moderator(stub.BaseUrl);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() => moderator.CheckAsync(new ModerationInput("text"), cancel.Token));
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_later_checks_do_not_reach_the_api()
    {
        await using var stub = await ModerationStubServer.StartAsync();
        stub.FailWith(502);
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var circuit = new OutsideServiceCircuit(OutsideServiceNames.Moderation, HttpContentModerator.IsCallFailure, clock,
            new CircuitSettings { FailuresToOpen = 2, BreakDuration = TimeSpan.FromSeconds(30) });
        using var moderator = Moderator(stub.BaseUrl, circuit: circuit);

        for (var i = 0; i < 3; i++)
            (await moderator.CheckAsync(new ModerationInput("text"), CancellationToken.None)).Verdict.ShouldBe(ModerationVerdict.Unavailable);
        circuit.State.ShouldBe("open");
        stub.Requests.Count.ShouldBe(2, "the third check must not reach the failing service");

        stub.Recover();
        clock.Advance(TimeSpan.FromSeconds(31));
        (await moderator.CheckAsync(new ModerationInput("text"), CancellationToken.None)).Verdict.ShouldBe(ModerationVerdict.Allowed);
        circuit.State.ShouldBe("closed");
    }

    [Fact]
    public async Task A_request_refused_on_its_own_does_not_count_against_the_circuit()
    {
        await using var stub = await ModerationStubServer.StartAsync();
        stub.FailWith(400);
        var circuit = new OutsideServiceCircuit(OutsideServiceNames.Moderation, HttpContentModerator.IsCallFailure, TimeProvider.System,
            new CircuitSettings { FailuresToOpen = 2 });
        using var moderator = Moderator(stub.BaseUrl, circuit: circuit);

        for (var i = 0; i < 4; i++)
            await moderator.CheckAsync(new ModerationInput("text"), CancellationToken.None);

        circuit.State.ShouldBe("closed");
    }

    [Fact]
    public async Task The_registered_moderator_checks_the_word_list_first_without_a_call_then_the_api()
    {
        await using var stub = await ModerationStubServer.StartAsync();
        stub.FlagText("spam link", "illicit");
        var options = new ModerationOptions { Url = stub.BaseUrl, ApiKey = ApiKey, BlockedWords = ["darn"] };
        await using var provider = new ServiceCollection().AddLogging().AddModeration(options).BuildServiceProvider();
        var moderator = provider.GetRequiredService<IContentModerator>();

        var blocked = await moderator.CheckAsync(new ModerationInput("oh D A R N", Png, "image/png"), CancellationToken.None);
        blocked.Verdict.ShouldBe(ModerationVerdict.Flagged);
        blocked.Reasons.ShouldBe([ModerationResult.BlockedWord]);
        stub.Requests.ShouldBeEmpty();

        (await moderator.CheckAsync(new ModerationInput("a spam link"), CancellationToken.None)).Reasons.ShouldBe(["illicit"]);
        (await moderator.CheckAsync(new ModerationInput("fine"), CancellationToken.None)).Verdict.ShouldBe(ModerationVerdict.Allowed);
        stub.Requests.Count.ShouldBe(2);
        new OutsideServices(provider.GetServices<OutsideServiceCircuit>()).Find(OutsideServiceNames.Moderation).ShouldNotBeNull().State.ShouldBe("closed");
        provider.GetRequiredService<ModerationOptions>().WhenUnavailable.ShouldBe(ModerationFallback.Refuse);
    }

    [Fact]
    public async Task Without_a_url_the_word_list_alone_moderates_and_there_is_no_circuit()
    {
        await using var provider = new ServiceCollection().AddLogging()
            .AddModeration(new ModerationOptions { BlockedWords = ["darn"] })
            .BuildServiceProvider();
        var moderator = provider.GetRequiredService<IContentModerator>();

        (await moderator.CheckAsync(new ModerationInput("darn it"), CancellationToken.None)).Verdict.ShouldBe(ModerationVerdict.Flagged);
        (await moderator.CheckAsync(new ModerationInput("fine"), CancellationToken.None)).Verdict.ShouldBe(ModerationVerdict.Allowed);
        (await moderator.CheckAsync(new ModerationInput(null, Png, "image/png"), CancellationToken.None)).Verdict
            .ShouldBe(ModerationVerdict.Allowed, "without an API images are left to reports");
        provider.GetServices<OutsideServiceCircuit>().ShouldBeEmpty();
        provider.GetService<HttpContentModerator>().ShouldBeNull();
    }

    private static HttpContentModerator Moderator(string url, TimeSpan? timeout = null, OutsideServiceCircuit? circuit = null,
        string? model = null, string? apiKey = ApiKey) => new(
        new ModerationOptions { Url = url, ApiKey = apiKey, Model = model, Timeout = timeout ?? TimeSpan.FromSeconds(5) },
        circuit ?? new OutsideServiceCircuit(OutsideServiceNames.Moderation, HttpContentModerator.IsCallFailure, TimeProvider.System),
        NullLogger<HttpContentModerator>.Instance);
}

internal static class JsonTestExtensions
{
    public static JsonElement ShouldHaveSingleItemElement(this JsonElement array)
    {
        array.GetArrayLength().ShouldBe(1);
        return array[0];
    }
}
