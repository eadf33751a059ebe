using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Clawverse.Core.Outside;
using Clawverse.Core.Outside.Sms;
using Clawverse.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clawverse.Core.Tests.Outside;

/// <summary>The Twilio client against the local stub (what it sends, how each answer maps to an outcome, the
/// circuit), the outbox fallback, the registration, and that no log line at Information or above holds a whole
/// number or a code.</summary>
public sealed class SmsSenderTests : IDisposable
{
    private const string Number = "+15551234567";
    private const string From = "+15550001111";
    private static readonly SmsMessage Code = new(Number, "Your ClawVatar code is 482913. It expires in 10 minutes.");

    private readonly string _directory = Directory.CreateTempSubdirectory("clawverse-sms-tests-").FullName;
    private readonly ListLogger<HttpSmsSender> _log = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_message_is_posted_as_twilios_form_with_basic_auth_and_is_delivered()
    {
        await using var stub = await SmsStubServer.StartAsync();
        using var sender = Sender(stub.Url + "/");

        (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.Delivered);

        var request = stub.Requests.ShouldHaveSingleItem();
        (request.Method, request.Path, request.Status).ShouldBe(("POST", $"/2010-04-01/Accounts/{stub.AccountSid}/Messages.json", 201));
        (request.To, request.From, request.Body).ShouldBe((Number, From, Code.Body));
        (request.User, request.Password).ShouldBe((stub.AccountSid, stub.AuthToken));
        stub.LastCodeTo(Number).ShouldBe("482913");
        stub.LastCodeTo("+15559999999").ShouldBeNull();
        AssertNothingSecretLogged();
    }

    [Fact]
    public async Task A_number_twilio_refuses_is_rejected_and_the_log_keeps_neither_number_nor_text()
    {
        await using var stub = await SmsStubServer.StartAsync();
        using var sender = Sender(stub.Url);

        // The stub answers 400 / 21211 "Invalid 'To' Phone Number: 5551234567", quoting the number as Twilio does.
        (await sender.SendAsync(new SmsMessage("5551234567", Code.Body), CancellationToken.None)).ShouldBe(SmsOutcome.Rejected);

        stub.Requests.ShouldHaveSingleItem().Status.ShouldBe(400);
        _log.Entries.ShouldContain(entry => entry.Level == LogLevel.Warning && entry.Text.Contains("21211"));
        _log.Entries.ShouldAllBe(entry => !entry.Text.Contains("5551234567"));
        AssertNothingSecretLogged();
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task A_4xx_about_the_message_is_rejected(int status)
    {
        await using var stub = await SmsStubServer.StartAsync();
        stub.FailWith(status);
        using var sender = Sender(stub.Url);

        (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.Rejected);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(302)]
    public async Task A_failing_provider_throttling_or_refusing_our_account_is_unavailable(int status)
    {
        await using var stub = await SmsStubServer.StartAsync();
        stub.FailWith(status);
        using var sender = Sender(stub.Url);

        (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.Unavailable);
        AssertNothingSecretLogged();
    }

    [Fact]
    public async Task Wrong_credentials_are_unavailable_not_rejected()
    {
        await using var stub = await SmsStubServer.StartAsync();
        using var sender = Sender(stub.Url, authToken: "not-the-token");

        (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.Unavailable);
        stub.Requests.ShouldHaveSingleItem().Status.ShouldBe(401);
    }

    [Fact]
    public async Task An_unreachable_provider_is_unavailable()
    {
        using var sender = Sender($"http://127.0.0.1:{UnusedPort()}");

        (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.Unavailable);
        AssertNothingSecretLogged();
    }

    [Fact]
    public async Task A_slow_provider_times_out_as_unavailable()
    {
        await using var stub = await SmsStubServer.StartAsync();
        stub.DelayBy(TimeSpan.FromSeconds(10));
        using var sender = Sender(stub.Url, timeout: TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.Unavailable);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the timeout bounds the send");
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_swallowed()
    {
        await using var stub = await SmsStubServer.StartAsync();
        stub.DelayBy(TimeSpan.FromSeconds(10));
        using var sender = Sender(stub.Url);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() => sender.SendAsync(Code, cancel.Token));
    }

    [Theory]
    [InlineData("", "Your code is 123456")]
    [InlineData("   ", "Your code is 123456")]
    [InlineData(Number, "")]
    public async Task A_message_without_a_number_or_text_is_rejected_without_a_call(string to, string body)
    {
        await using var stub = await SmsStubServer.StartAsync();
        using var sender = Sender(stub.Url);

        (await sender.SendAsync(new SmsMessage(to, body), CancellationToken.None)).ShouldBe(SmsOutcome.Rejected);
        stub.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_later_messages_do_not_reach_the_provider()
    {
        await using var stub = await SmsStubServer.StartAsync();
        stub.FailWith(503);
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var circuit = new OutsideServiceCircuit(OutsideServiceNames.Sms, HttpSmsSender.IsCallFailure, clock,
            new CircuitSettings { FailuresToOpen = 2, BreakDuration = TimeSpan.FromSeconds(30) });
        using var sender = Sender(stub.Url, circuit: circuit);

        for (var i = 0; i < 3; i++)
            (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.Unavailable);
        circuit.State.ShouldBe("open");
        stub.Requests.Count.ShouldBe(2, "the third message must not reach the failing provider");

        stub.Recover();
        clock.Advance(TimeSpan.FromSeconds(31));
        circuit.State.ShouldBe("half-open");
        (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.Delivered);
        circuit.State.ShouldBe("closed");
        AssertNothingSecretLogged();
    }

    [Fact]
    public async Task Rejected_messages_do_not_count_against_the_circuit()
    {
        await using var stub = await SmsStubServer.StartAsync();
        var circuit = new OutsideServiceCircuit(OutsideServiceNames.Sms, HttpSmsSender.IsCallFailure, TimeProvider.System,
            new CircuitSettings { FailuresToOpen = 2 });
        using var sender = Sender(stub.Url, circuit: circuit);

        for (var i = 0; i < 4; i++)
            (await sender.SendAsync(new SmsMessage("not-a-number", Code.Body), CancellationToken.None)).ShouldBe(SmsOutcome.Rejected);

        circuit.State.ShouldBe("closed", "a refused number says nothing about the provider");
        stub.Requests.Count.ShouldBe(4);
    }

    [Fact]
    public async Task The_outbox_writes_one_file_a_message_with_the_number_and_the_text()
    {
        var outbox = Path.Combine(_directory, "outbox");
        var log = new ListLogger<OutboxSmsSender>();
        var sender = new OutboxSmsSender(outbox, new ManualTimeProvider(DateTimeOffset.UnixEpoch), log);

        (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.WrittenToOutbox);
        (await sender.SendAsync(new SmsMessage(Number, "Your ClawVatar code is 100200."), CancellationToken.None)).ShouldBe(SmsOutcome.WrittenToOutbox);

        var files = Directory.GetFiles(outbox).Order(StringComparer.Ordinal).ToList();
        files.Count.ShouldBe(2);
        files.ShouldAllBe(file => file.EndsWith(OutboxSmsSender.Extension));
        var first = File.ReadAllText(files[0]);
        first.ShouldContain("To: " + Number + "\n");
        first.ShouldEndWith("\n\n" + Code.Body + "\n");
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(files[0]).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, "the file holds a one-time code");
        SmsOutbox.LastMessageTo(outbox, Number).ShouldBe("Your ClawVatar code is 100200.");
        SmsOutbox.LastCodeTo(outbox, Number).ShouldBe("100200");
        SmsOutbox.LastCodeTo(outbox, "+15559999999").ShouldBeNull();
        log.Entries.ShouldContain(entry => entry.Level == LogLevel.Information && entry.Text.Contains("4567"));
        log.Entries.ShouldAllBe(entry => !entry.Text.Contains(Number) && !entry.Text.Contains("482913") && !entry.Text.Contains("100200"));
    }

    [Fact]
    public async Task Without_an_account_AddSms_registers_the_outbox_and_no_circuit()
    {
        var outbox = Path.Combine(_directory, "outbox");
        // A sid and token without a sender is not an account either.
        var options = new SmsOptions { AccountSid = SmsStubServer.DefaultAccountSid, AuthToken = SmsStubServer.DefaultAuthToken };
        await using var provider = new ServiceCollection().AddLogging().AddSms(options, outbox).BuildServiceProvider();

        var sender = provider.GetRequiredService<ISmsSender>().ShouldBeOfType<OutboxSmsSender>();
        (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.WrittenToOutbox);
        SmsOutbox.LastCodeTo(outbox, Number).ShouldBe("482913");
        provider.GetServices<OutsideServiceCircuit>().ShouldBeEmpty();
    }

    [Fact]
    public async Task With_an_account_AddSms_registers_twilio_behind_the_sms_circuit_and_never_the_outbox()
    {
        await using var stub = await SmsStubServer.StartAsync();
        var outbox = Path.Combine(_directory, "outbox");
        var options = new SmsOptions { Url = stub.Url, AccountSid = stub.AccountSid, AuthToken = stub.AuthToken, From = From };
        await using var provider = new ServiceCollection().AddLogging().AddSms(options, outbox).BuildServiceProvider();

        var sender = provider.GetRequiredService<ISmsSender>().ShouldBeOfType<HttpSmsSender>();
        (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.Delivered);
        stub.LastCodeTo(Number).ShouldBe("482913");
        new OutsideServices(provider.GetServices<OutsideServiceCircuit>()).Find(OutsideServiceNames.Sms).ShouldNotBeNull().State.ShouldBe("closed");

        stub.FailWith(500);
        (await sender.SendAsync(Code, CancellationToken.None)).ShouldBe(SmsOutcome.Unavailable);
        Directory.Exists(outbox).ShouldBeFalse("a configured provider that fails must not leave the code in a file instead");
    }

    [Fact]
    public void Options_are_configured_only_with_sid_token_and_sender()
    {
        new SmsOptions().IsConfigured.ShouldBeFalse();
        new SmsOptions().Url.ShouldBe("https://api.twilio.com");
        new SmsOptions().Timeout.ShouldBe(TimeSpan.FromSeconds(10));
        new SmsOptions { AccountSid = "AC1", AuthToken = "t", From = " " }.IsConfigured.ShouldBeFalse();
        new SmsOptions { AccountSid = "AC1", AuthToken = "t", From = From }.IsConfigured.ShouldBeTrue();
    }

    [Theory]
    [InlineData("+15551234567", "*******4567")]
    [InlineData("+44 20 7946 0958", "********0958")]
    [InlineData("1234567", "*****67")]
    [InlineData("12", "***")]
    [InlineData("", "***")]
    [InlineData(null, "***")]
    public void Numbers_are_masked_to_their_last_digits(string? number, string masked) => SmsNumbers.Mask(number).ShouldBe(masked);

    [Fact]
    public void A_message_prints_itself_without_its_number_or_code()
    {
        var text = Code.ToString();
        text.ShouldContain("4567");
        text.ShouldNotContain(Number);
        text.ShouldNotContain("482913");
    }

    private HttpSmsSender Sender(string url, TimeSpan? timeout = null, OutsideServiceCircuit? circuit = null,
        string authToken = SmsStubServer.DefaultAuthToken) => new(
        new SmsOptions { Url = url, AccountSid = SmsStubServer.DefaultAccountSid, AuthToken = authToken, From = From, Timeout = timeout ?? TimeSpan.FromSeconds(5) },
        circuit ?? new OutsideServiceCircuit(OutsideServiceNames.Sms, HttpSmsSender.IsCallFailure, TimeProvider.System),
        _log);

    /// <summary>Information and above may name the last digits, never the number, the text or its code.</summary>
    private void AssertNothingSecretLogged() => _log.Entries.Where(entry => entry.Level >= LogLevel.Information).ShouldAllBe(entry =>
        !entry.Text.Contains(Number) && !entry.Text.Contains("5551234567") && !entry.Text.Contains("482913")
        && !entry.Text.Contains(SmsStubServer.DefaultAuthToken));

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

/// <summary>Keeps every log line, with its exception, so a test can look for what must not be in it.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    public IReadOnlyCollection<(LogLevel Level, string Text)> Entries => _entries;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception)));
}
