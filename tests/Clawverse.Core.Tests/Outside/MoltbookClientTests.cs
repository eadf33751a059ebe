using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Clawverse.Core.Outside;
using Clawverse.Core.Outside.Moltbook;
using Clawverse.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clawverse.Core.Tests.Outside;

/// <summary>The real HTTP client against the local Moltbook stub: what it reads out of the API's answers, and
/// that every failure the network or the service can produce comes back as a status, with the circuit
/// keeping a failing Moltbook from being called on every request.</summary>
public sealed class MoltbookClientTests
{
    private const string ApiKey = "moltbook_sk_test_0123456789";

    [Fact]
    public async Task A_found_post_carries_its_author_submolt_title_and_time()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        stub.AddPost("9f2c1e4a-post", "Verifying my Clawverse agent: claw-123", "pixel_bot", "clawverse", "Hello from Clawverse");
        using var client = Client(stub.BaseUrl);

        var response = await client.GetPostAsync("9f2c1e4a-post", CancellationToken.None);

        response.Status.ShouldBe(MoltbookStatus.Found);
        response.IsFound.ShouldBeTrue();
        var post = response.Value.ShouldNotBeNull();
        post.Id.ShouldBe("9f2c1e4a-post");
        post.Content.ShouldBe("Verifying my Clawverse agent: claw-123");
        post.AuthorName.ShouldBe("pixel_bot");
        post.SubmoltName.ShouldBe("clawverse");
        post.Title.ShouldBe("Hello from Clawverse");
        post.CreatedAt.ShouldNotBeNull().Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task Nested_replies_come_back_flattened_in_thread_order()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        stub.AddPost("thread", "A post", "op_bot");
        var first = stub.AddComment("thread", "first", "alice");
        var reply = stub.AddComment("thread", "reply to first", "bob", replyTo: first);
        stub.AddComment("thread", "reply to the reply", "carol", replyTo: reply);
        stub.AddComment("thread", "second", "dave");
        stub.AddComment("elsewhere", "on another post", "eve");
        using var client = Client(stub.BaseUrl);

        var response = await client.GetCommentsAsync("thread", CancellationToken.None);

        response.Status.ShouldBe(MoltbookStatus.Found);
        var comments = response.Value.ShouldNotBeNull();
        comments.Select(comment => (comment.Content, comment.AuthorName)).ShouldBe(
            [("first", "alice"), ("reply to first", "bob"), ("reply to the reply", "carol"), ("second", "dave")]);
        comments.ShouldAllBe(comment => comment.Id.Length > 0 && comment.CreatedAt != null);
    }

    [Fact]
    public async Task Tolerant_parsing_takes_a_root_post_and_a_root_comment_array_with_plain_string_names()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        using var client = Client(stub.BaseUrl);

        stub.AnswerWith("""{"id": 42, "content": "at the root", "author": "plain_name", "submolt_name": "general", "created_at": "2026-01-30T12:00:00Z"}""");
        var post = (await client.GetPostAsync("p1", CancellationToken.None)).Value.ShouldNotBeNull();
        (post.Id, post.AuthorName, post.SubmoltName, post.Title).ShouldBe(("42", "plain_name", "general", null));

        stub.AnswerWith("""[{"id": "c1", "content": "hi", "author_name": "a"}, {"id": "c2", "content": "[deleted]", "author": null, "replies": [{"id": "c3", "content": "still here", "author": {"name": "b"}}]}]""");
        var comments = (await client.GetCommentsAsync("p1", CancellationToken.None)).Value.ShouldNotBeNull();
        comments.Select(comment => comment.Id).ShouldBe(["c1", "c3"], "a comment without an author is left out, its replies are not");
    }

    [Fact]
    public async Task An_unknown_post_is_not_found()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        using var client = Client(stub.BaseUrl);

        (await client.GetPostAsync("missing", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.NotFound);
        (await client.GetCommentsAsync("missing", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.NotFound);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(401)]
    public async Task A_failing_status_is_unavailable(int status)
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        stub.AddPost("p1", "content", "author");
        stub.FailWith(status);
        using var client = Client(stub.BaseUrl);

        (await client.GetPostAsync("p1", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.Unavailable);
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("""{"success": false, "error": "Internal"}""")]
    [InlineData("""{"success": true, "post": {"id": "p1", "content": "no author"}}""")]
    public async Task A_body_that_is_not_the_api_answer_is_unavailable(string body)
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        stub.AnswerWith(body);
        using var client = Client(stub.BaseUrl);

        (await client.GetPostAsync("p1", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.Unavailable);
    }

    [Fact]
    public async Task An_answer_larger_than_the_bound_is_unavailable()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        stub.AddPost("huge", new string('x', HttpMoltbookClient.MaxResponseBytes + 1), "author");
        using var client = Client(stub.BaseUrl);

        (await client.GetPostAsync("huge", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.Unavailable);
    }

    [Fact]
    public async Task Text_from_moltbook_comes_back_storable_nul_and_unpaired_surrogates_cleaned()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        // What System.Text.Json's GetString refuses (an escaped unpaired surrogate) and what PostgreSQL refuses
        // (NUL), beside a pair escaped properly and an escaped backslash that only looks like an escape.
        stub.AnswerWith("""
            {"success": true, "post": {"id": "p1", "title": "lone \ud800 here, \\ud800 kept", "content": "a\u0000b \ud83d\ude00 \\ud800",
             "author": {"name": "odd\u0000name"}, "submolt": {"name": "clwnt"}}}
            """);
        using var client = Client(stub.BaseUrl);

        var post = (await client.GetPostAsync("p1", CancellationToken.None)).Value.ShouldNotBeNull();

        post.Title.ShouldBe("lone \uFFFD here, \\ud800 kept");
        post.Content.ShouldBe("ab \U0001F600 \\ud800");
        post.AuthorName.ShouldBe("oddname");
        post.SubmoltName.ShouldBe("clwnt");
    }

    [Fact]
    public async Task A_slow_answer_times_out_as_unavailable()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        stub.AddPost("p1", "content", "author");
        stub.DelayBy(TimeSpan.FromSeconds(10));
        using var client = Client(stub.BaseUrl, timeout: TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        var response = await client.GetPostAsync("p1", CancellationToken.None);

        response.Status.ShouldBe(MoltbookStatus.Unavailable);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the timeout bounds the call");
    }

    [Fact]
    public async Task A_dead_port_is_unavailable()
    {
        using var client = Client($"http://127.0.0.1:{UnusedPort()}/api/v1");

        (await client.GetPostAsync("p1", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.Unavailable);
        (await client.GetCommentsAsync("p1", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.Unavailable);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_swallowed()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        stub.DelayBy(TimeSpan.FromSeconds(10));
        using var client = Client(stub.BaseUrl);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() => client.GetPostAsync("p1", cancel.Token));
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_later_calls_do_not_reach_moltbook()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        stub.AddPost("p1", "content", "author");
        stub.FailWith(503);
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var circuit = new OutsideServiceCircuit(OutsideServiceNames.Moltbook, HttpMoltbookClient.IsCallFailure, clock,
            new CircuitSettings { FailuresToOpen = 2, BreakDuration = TimeSpan.FromSeconds(30) });
        using var client = Client(stub.BaseUrl, circuit: circuit);

        (await client.GetPostAsync("p1", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.Unavailable);
        circuit.State.ShouldBe("closed");
        (await client.GetPostAsync("p1", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.Unavailable);
        circuit.State.ShouldBe("open");
        (await client.GetCommentsAsync("p1", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.Unavailable);
        stub.Requests.Count.ShouldBe(2, "the third call must not reach the failing service");

        stub.Recover();
        clock.Advance(TimeSpan.FromSeconds(31));
        circuit.State.ShouldBe("half-open");
        (await client.GetPostAsync("p1", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.Found);
        circuit.State.ShouldBe("closed");
    }

    [Fact]
    public async Task Not_found_and_refused_ids_do_not_count_against_the_circuit()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        var circuit = new OutsideServiceCircuit(OutsideServiceNames.Moltbook, HttpMoltbookClient.IsCallFailure, TimeProvider.System,
            new CircuitSettings { FailuresToOpen = 2 });
        using var client = Client(stub.BaseUrl, circuit: circuit);

        for (var i = 0; i < 4; i++)
            (await client.GetPostAsync("missing", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.NotFound);
        stub.FailWith(400);
        for (var i = 0; i < 4; i++)
            (await client.GetPostAsync("missing", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.Unavailable);

        circuit.State.ShouldBe("closed", "a missing post or a request refused on its own says nothing about the service");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("../admin")]
    [InlineData("a b")]
    [InlineData("abc?x=1")]
    [InlineData("abc%2F")]
    [InlineData("posté")]
    [InlineData("p/comments")]
    public async Task A_post_id_that_is_not_a_plain_token_is_refused_without_a_request(string postId)
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        using var client = Client(stub.BaseUrl);

        (await client.GetPostAsync(postId, CancellationToken.None)).Status.ShouldBe(MoltbookStatus.NotFound);
        (await client.GetCommentsAsync(postId, CancellationToken.None)).Status.ShouldBe(MoltbookStatus.NotFound);
        stub.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void Post_ids_are_plain_tokens_of_at_most_100_characters()
    {
        HttpMoltbookClient.IsPlainPostId("0b6a6c1e-8f4e-4f7a-9d1b-2c3d4e5f6a7b").ShouldBeTrue();
        HttpMoltbookClient.IsPlainPostId("under_score-and-dash").ShouldBeTrue();
        HttpMoltbookClient.IsPlainPostId(new string('a', 100)).ShouldBeTrue();
        HttpMoltbookClient.IsPlainPostId(new string('a', 101)).ShouldBeFalse();
        HttpMoltbookClient.IsPlainPostId(null).ShouldBeFalse();
    }

    [Fact]
    public async Task The_api_key_is_sent_as_a_bearer_token_to_the_documented_paths()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        stub.AddPost("p1", "content", "author");
        using var client = Client(stub.BaseUrl + "/");

        await client.GetPostAsync("p1", CancellationToken.None);
        await client.GetCommentsAsync("p1", CancellationToken.None);

        stub.Requests.Select(request => (request.Method, request.Path)).ShouldBe([("GET", "/api/v1/posts/p1"), ("GET", "/api/v1/posts/p1/comments")]);
        stub.Requests.ShouldAllBe(request => request.Authorization == "Bearer " + ApiKey);
    }

    [Fact]
    public async Task Without_an_api_key_the_client_answers_not_configured_and_has_no_circuit()
    {
        await using var provider = new ServiceCollection().AddLogging().AddMoltbook(new MoltbookOptions()).BuildServiceProvider();

        var client = provider.GetRequiredService<IMoltbookClient>();

        client.ShouldBeOfType<NotConfiguredMoltbookClient>();
        (await client.GetPostAsync("p1", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.NotConfigured);
        (await client.GetCommentsAsync("p1", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.NotConfigured);
        provider.GetServices<OutsideServiceCircuit>().ShouldBeEmpty();
    }

    [Fact]
    public async Task With_an_api_key_the_registered_client_is_http_behind_the_named_circuit()
    {
        await using var stub = await MoltbookStubServer.StartAsync();
        stub.AddPost("p1", "content", "author");
        await using var provider = new ServiceCollection().AddLogging()
            .AddMoltbook(new MoltbookOptions { Url = stub.BaseUrl, ApiKey = ApiKey })
            .BuildServiceProvider();

        var client = provider.GetRequiredService<IMoltbookClient>();

        client.ShouldBeOfType<HttpMoltbookClient>();
        (await client.GetPostAsync("p1", CancellationToken.None)).Status.ShouldBe(MoltbookStatus.Found);
        new OutsideServices(provider.GetServices<OutsideServiceCircuit>()).Find(OutsideServiceNames.Moltbook).ShouldNotBeNull().State.ShouldBe("closed");
    }

    private static HttpMoltbookClient Client(string url, TimeSpan? timeout = null, OutsideServiceCircuit? circuit = null) => new(
        new MoltbookOptions { Url = url, ApiKey = ApiKey, Timeout = timeout ?? TimeSpan.FromSeconds(5) },
        circuit ?? new OutsideServiceCircuit(OutsideServiceNames.Moltbook, HttpMoltbookClient.IsCallFailure, TimeProvider.System),
        NullLogger<HttpMoltbookClient>.Instance);

    /// <summary>A loopback port that was free a moment ago and has no listener now: connections are refused.</summary>
    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
