using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Clawverse.Core.Errors;
using Clawverse.Core.Outside.Fetch;
using Clawverse.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clawverse.Core.Tests.Outside;

/// <summary>The guarded fetcher against local web stubs: only public addresses are reached (the stubs live on
/// loopback, so by default nothing reaches them), and with the test hook opening exactly one stub's port, the
/// size, time, redirect and status bounds hold.</summary>
public sealed class GuardedFetchTests
{
    [Theory]
    // Public.
    [InlineData("8.8.8.8", true)]
    [InlineData("1.1.1.1", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.128.0.0", true)]
    [InlineData("172.15.255.255", true)]
    [InlineData("172.32.0.0", true)]
    [InlineData("192.169.0.1", true)]
    [InlineData("198.20.0.1", true)]
    [InlineData("223.255.255.254", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("2a00:1450:4001:80b::200e", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::808:808", true)]
    // IPv4 refused.
    [InlineData("0.0.0.0", false)]
    [InlineData("0.1.2.3", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("10.255.255.255", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.127.255.255", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.255.254", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.0.0.8", false)]
    [InlineData("192.0.2.1", false)]
    [InlineData("192.88.99.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("198.19.255.255", false)]
    [InlineData("198.51.100.7", false)]
    [InlineData("203.0.113.9", false)]
    [InlineData("224.0.0.251", false)]
    [InlineData("239.255.255.250", false)]
    [InlineData("240.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    // IPv6 refused.
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("::127.0.0.1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.1.2.3", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("64:ff9b::7f00:1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fd12:3456:789a::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("febf::1", false)]
    [InlineData("fec0::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("100::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("2001::1", false)]
    [InlineData("2001:2::1", false)]
    [InlineData("2002:7f00:1::1", false)]
    [InlineData("3fff::1", false)]
    public void Only_public_unicast_addresses_are_public(string address, bool expected) =>
        PublicAddresses.IsPublic(IPAddress.Parse(address)).ShouldBe(expected, address);

    [Fact]
    public async Task A_loopback_server_is_refused_by_default_and_never_reached()
    {
        await using var stub = await WebStubServer.StartAsync();
        stub.Serve("/avatar.png", [1, 2, 3], "image/png");
        using var fetcher = Fetcher(new GuardedFetchOptions());

        foreach (var url in new[] { stub.Url("/avatar.png"), $"http://localhost:{stub.Port}/avatar.png", $"http://[::ffff:127.0.0.1]:{stub.Port}/avatar.png", $"http://2130706433:{stub.Port}/avatar.png" })
            Refusal(await fetcher.GetAsync(url, 1000, CancellationToken.None)).ShouldContain("not a public address", customMessage: url);

        stub.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_allowed_server_gives_its_bytes_and_content_type_and_no_cookie_or_credentials_are_sent()
    {
        await using var stub = await WebStubServer.StartAsync();
        byte[] body = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        stub.Serve("/avatar.png", body, "image/png");
        stub.Redirect("/start", "/avatar.png");
        using var fetcher = Fetcher(OnlyPort(stub.Port));

        var fetched = Success(await fetcher.GetAsync(stub.Url("/start"), 1000, CancellationToken.None));

        fetched.Bytes.ShouldBe(body);
        fetched.ContentType.ShouldBe("image/png");
        fetched.FinalUrl.ShouldBe(new Uri(stub.Url("/avatar.png")));
        stub.Requests.Select(request => request.PathAndQuery).ShouldBe(["/start", "/avatar.png"]);
        stub.Requests.ShouldAllBe(request => request.Cookie == null && request.Authorization == null && request.UserAgent != null,
            "the redirect set a cookie; it must not come back");
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_fine_and_one_byte_more_is_too_large()
    {
        await using var stub = await WebStubServer.StartAsync();
        stub.Serve("/exact", new byte[100]);
        stub.Serve("/over", new byte[101]);
        stub.Serve("/over-chunked", new byte[50_000], chunked: true);
        using var fetcher = Fetcher(OnlyPort(stub.Port));

        Success(await fetcher.GetAsync(stub.Url("/exact"), 100, CancellationToken.None)).Bytes.Length.ShouldBe(100);
        Refusal(await fetcher.GetAsync(stub.Url("/over"), 100, CancellationToken.None)).ShouldContain("larger than the limit of 100 bytes");
        Refusal(await fetcher.GetAsync(stub.Url("/over-chunked"), 10_000, CancellationToken.None)).ShouldContain("larger than the limit");
    }

    [Fact]
    public async Task A_content_length_over_the_limit_fails_at_once_without_reading_the_body()
    {
        await using var stub = await WebStubServer.StartAsync();
        // The body trickles at a byte a second: reading it would take far longer than the test allows.
        stub.ServeDeclaredLength("/huge", 10_000_000);
        using var fetcher = Fetcher(OnlyPort(stub.Port, timeout: TimeSpan.FromSeconds(20)));
        var watch = Stopwatch.StartNew();

        Refusal(await fetcher.GetAsync(stub.Url("/huge"), 1_000_000, CancellationToken.None)).ShouldContain("larger than the limit");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_slow_answer_times_out_within_the_bound()
    {
        await using var stub = await WebStubServer.StartAsync();
        stub.Serve("/slow", [1], delay: TimeSpan.FromSeconds(10));
        stub.ServeDeclaredLength("/trickle", 100);
        using var fetcher = Fetcher(OnlyPort(stub.Port, timeout: TimeSpan.FromMilliseconds(400)));

        foreach (var path in new[] { "/slow", "/trickle" })
        {
            var watch = Stopwatch.StartNew();
            Refusal(await fetcher.GetAsync(stub.Url(path), 1000, CancellationToken.None)).ShouldContain("did not answer in full within 0.4 seconds");
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4), path);
        }
    }

    [Fact]
    public async Task A_redirect_to_a_refused_address_is_refused_and_not_followed()
    {
        await using var allowed = await WebStubServer.StartAsync();
        await using var other = await WebStubServer.StartAsync();
        other.Serve("/secret", [42]);
        allowed.Redirect("/go", other.Url("/secret"));
        // Loopback targets only: should the guard ever break, the test must not send packets off this machine.
        allowed.Redirect("/by-name", $"http://localhost:{other.Port}/secret");
        using var fetcher = Fetcher(OnlyPort(allowed.Port));

        Refusal(await fetcher.GetAsync(allowed.Url("/go"), 1000, CancellationToken.None)).ShouldContain("not a public address");
        Refusal(await fetcher.GetAsync(allowed.Url("/by-name"), 1000, CancellationToken.None)).ShouldContain("not a public address");
        other.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_redirect_loop_is_refused_after_max_redirects()
    {
        await using var stub = await WebStubServer.StartAsync();
        stub.Redirect("/a", "/b", status: 301);
        stub.Redirect("/b", stub.Url("/a"), status: 307);
        using var fetcher = Fetcher(OnlyPort(stub.Port, maxRedirects: 3));

        Refusal(await fetcher.GetAsync(stub.Url("/a"), 1000, CancellationToken.None)).ShouldContain("redirects more than 3 times");
        stub.Requests.Count.ShouldBe(4, "the first request and three redirects followed");
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        await using var stub = await WebStubServer.StartAsync();
        stub.Redirect("/file", "file:///etc/passwd");
        stub.Redirect("/userinfo", $"http://user:pass@127.0.0.1:{stub.Port}/x");
        using var fetcher = Fetcher(OnlyPort(stub.Port));

        Refusal(await fetcher.GetAsync(stub.Url("/file"), 1000, CancellationToken.None)).ShouldContain("other than an http or https URL");
        Refusal(await fetcher.GetAsync(stub.Url("/userinfo"), 1000, CancellationToken.None)).ShouldContain("user name or password");
        stub.Requests.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(403)]
    [InlineData(500)]
    public async Task A_failing_status_is_refused_naming_the_status(int status)
    {
        await using var stub = await WebStubServer.StartAsync();
        stub.Status("/x", status);
        using var fetcher = Fetcher(OnlyPort(stub.Port));

        Refusal(await fetcher.GetAsync(stub.Url("/x"), 1000, CancellationToken.None)).ShouldContain($"answered HTTP {status}");
    }

    [Theory]
    [InlineData("ftp://example.com/a.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("gopher://127.0.0.1:25/")]
    [InlineData("example.com/a.png")]
    [InlineData("")]
    public async Task A_url_that_is_not_http_is_refused(string url)
    {
        using var fetcher = Fetcher(new GuardedFetchOptions());

        Refusal(await fetcher.GetAsync(url, 1000, CancellationToken.None)).ShouldContain("absolute http or https URL");
    }

    [Fact]
    public async Task A_url_with_a_user_name_or_a_huge_length_is_refused_without_a_request()
    {
        await using var stub = await WebStubServer.StartAsync();
        stub.Serve("/x", [1]);
        using var fetcher = Fetcher(OnlyPort(stub.Port));

        Refusal(await fetcher.GetAsync($"http://admin:secret@127.0.0.1:{stub.Port}/x", 1000, CancellationToken.None)).ShouldContain("user name or password");
        Refusal(await fetcher.GetAsync(stub.Url("/x?" + new string('a', GuardedFetcher.MaxUrlLength)), 1000, CancellationToken.None)).ShouldContain("absolute http");
        stub.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_dead_port_is_unreachable()
    {
        var port = UnusedPort();
        using var fetcher = Fetcher(OnlyPort(port));

        Refusal(await fetcher.GetAsync($"http://127.0.0.1:{port}/x", 1000, CancellationToken.None)).ShouldContain("could not be reached");
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_swallowed()
    {
        await using var stub = await WebStubServer.StartAsync();
        stub.Serve("/slow", [1], delay: TimeSpan.FromSeconds(10));
        using var fetcher = Fetcher(OnlyPort(stub.Port));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() => fetcher.GetAsync(stub.Url("/slow"), 1000, cancel.Token));
    }

    [Fact]
    public async Task The_registered_fetcher_is_the_guarded_one_with_the_given_options()
    {
        await using var stub = await WebStubServer.StartAsync();
        stub.Serve("/x", [7]);
        await using var provider = new ServiceCollection().AddLogging().AddGuardedFetch(OnlyPort(stub.Port)).BuildServiceProvider();

        var fetcher = provider.GetRequiredService<IGuardedFetcher>();

        fetcher.ShouldBeOfType<GuardedFetcher>();
        Success(await fetcher.GetAsync(stub.Url("/x"), 10, CancellationToken.None)).Bytes.ShouldBe([7]);

        await using var unhooked = new ServiceCollection().AddLogging().AddGuardedFetch().BuildServiceProvider();
        Refusal(await unhooked.GetRequiredService<IGuardedFetcher>().GetAsync(stub.Url("/x"), 10, CancellationToken.None)).ShouldContain("not a public address");
    }

    private static GuardedFetcher Fetcher(GuardedFetchOptions options) => new(options, NullLogger<GuardedFetcher>.Instance);

    /// <summary>The test hook opening one loopback port, nothing else.</summary>
    private static GuardedFetchOptions OnlyPort(int port, TimeSpan? timeout = null, int maxRedirects = 3) => new()
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
        MaxRedirects = maxRedirects,
        AlsoAllow = (address, allowedPort) => IPAddress.IsLoopback(address) && allowedPort == port,
    };

    private static FetchedBytes Success(Result<FetchedBytes> result)
    {
        result.Error.ShouldBeNull();
        return result.Value.ShouldNotBeNull();
    }

    private static string Refusal(Result<FetchedBytes> result)
    {
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(ErrorCodes.ValidationError);
        result.Error.Status.ShouldBe(400);
        return result.Error.Message;
    }

    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
