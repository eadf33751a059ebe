using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Clawverse.Testing;

/// <summary>One request as the SMS stub received it: the form fields and the basic-auth pair, as sent.</summary>
public sealed record SmsStubRequest(string Method, string Path, string? To, string? From, string? Body, string? User, string? Password, int Status);

/// <summary>
/// Twilio's Messages API on a free loopback port (Kestrel): <c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>
/// with a form answers 201 and a message resource (<c>{"sid": "SM...", "status": "queued", ...}</c>), like the
/// real one; wrong credentials answer 401 (error 20003), a missing field or a 'To' that is not E.164 answers
/// 400 (21604, 21602, 21603, 21211), each in Twilio's error shape. It records every request, and can be told
/// to answer a given status or to answer late. <see cref="LastCodeTo"/> reads back the code a test's server sent.
/// </summary>
public sealed partial class SmsStubServer : IAsyncDisposable
{
    public const string DefaultAccountSid = "AC00000000000000000000000000000001";
    public const string DefaultAuthToken = "stub-auth-token-0123456789";

    private LoopbackApp _app = null!;
    private readonly ConcurrentQueue<SmsStubRequest> _requests = new();
    private volatile Behaviour _behaviour = Behaviour.Normal;

    private SmsStubServer(string accountSid, string authToken)
    {
        AccountSid = accountSid;
        AuthToken = authToken;
    }

    /// <summary>Where a client should point its SMS URL: <c>http://127.0.0.1:{port}</c>.</summary>
    public string Url => _app.Origin;

    /// <summary>The account the stub accepts, in the path and as the basic-auth user.</summary>
    public string AccountSid { get; }

    public string AuthToken { get; }

    /// <summary>Every request received, in order, including the refused ones.</summary>
    public IReadOnlyCollection<SmsStubRequest> Requests => _requests;

    /// <summary>The messages the stub accepted (answered 201), in order.</summary>
    public IReadOnlyList<SmsStubRequest> Delivered => [.. _requests.Where(request => request.Status == 201)];

    public static async Task<SmsStubServer> StartAsync(string accountSid = DefaultAccountSid, string authToken = DefaultAuthToken)
    {
        var stub = new SmsStubServer(accountSid, authToken);
        stub._app = await LoopbackApp.StartAsync(stub.HandleAsync);
        return stub;
    }

    /// <summary>The body of the last message accepted for this number, or null.</summary>
    public string? LastMessageTo(string number) => Delivered.LastOrDefault(request => request.To == number)?.Body;

    /// <summary>The one-time code (the last run of <paramref name="digits"/> digits) in the last message accepted
    /// for this number, or null.</summary>
    public string? LastCodeTo(string number, int digits = 6) => CodeIn(LastMessageTo(number), digits);

    /// <summary>The last standalone run of exactly <paramref name="digits"/> digits in a text, or null.</summary>
    public static string? CodeIn(string? text, int digits = 6) =>
        text is null ? null : Digits().Matches(text).LastOrDefault(match => match.Length == digits)?.Value;

    /// <summary>From now on every request is answered with this status in Twilio's error shape (or, for a 2xx,
    /// as accepted).</summary>
    public void FailWith(int statusCode) => _behaviour = _behaviour with { Status = statusCode };

    /// <summary>From now on every answer waits this long first (or until the client hangs up).</summary>
    public void DelayBy(TimeSpan delay) => _behaviour = _behaviour with { Delay = delay };

    /// <summary>Back to answering as Twilio would.</summary>
    public void Recover() => _behaviour = Behaviour.Normal;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = request.HasFormContentType ? await request.ReadFormAsync(context.RequestAborted) : null;
        var (user, password) = BasicAuth(request.Headers.Authorization.ToString());
        string? Field(string name) => form is not null && form.TryGetValue(name, out var value) ? value.ToString() : null;
        var (to, from, body) = (Field("To"), Field("From"), Field("Body"));

        var behaviour = _behaviour;
        var (status, code, message) = behaviour.Status is { } forced
            ? (forced, forced >= 500 ? 20500 : 20000 + forced, "Stub told to answer " + forced)
            : Judge(request, user, password, to, from, body);
        _requests.Enqueue(new SmsStubRequest(request.Method, request.Path.Value ?? string.Empty, to, from, body, user, password, status));

        if (behaviour.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(behaviour.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var answer = status is >= 200 and < 300
            ? Resource(to, from, body)
            : new JsonObject { ["code"] = code, ["message"] = message, ["more_info"] = $"https://www.twilio.com/docs/errors/{code}", ["status"] = status };
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    /// <summary>What Twilio would answer: its checks in its order, credentials first.</summary>
    private (int Status, int Code, string Message) Judge(HttpRequest request, string? user, string? password, string? to, string? from, string? body)
    {
        var path = $"/2010-04-01/Accounts/{AccountSid}/Messages.json";
        if (user != AccountSid || password != AuthToken)
            return (401, 20003, "Authenticate");
        if (!HttpMethods.IsPost(request.Method) || request.Path.Value != path)
            return (404, 20404, "The requested resource was not found");
        if (string.IsNullOrEmpty(to))
            return (400, 21604, "A 'To' phone number is required.");
        if (string.IsNullOrEmpty(from))
            return (400, 21603, "A 'From' phone number is required.");
        if (string.IsNullOrEmpty(body))
            return (400, 21602, "Message body is required.");
        if (!E164().IsMatch(to))
            return (400, 21211, $"Invalid 'To' Phone Number: {to}");
        return (201, 0, string.Empty);
    }

    private JsonObject Resource(string? to, string? from, string? body)
    {
        var now = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["sid"] = "SM" + Guid.NewGuid().ToString("N"),
            ["account_sid"] = AccountSid,
            ["to"] = to,
            ["from"] = from,
            ["body"] = body,
            ["status"] = "queued",
            ["num_segments"] = "1",
            ["direction"] = "outbound-api",
            ["api_version"] = "2010-04-01",
            ["date_created"] = now,
            ["date_updated"] = now,
            ["date_sent"] = null,
            ["error_code"] = null,
            ["error_message"] = null,
        };
    }

    private static (string? User, string? Password) BasicAuth(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || !"Basic".Equals(value.Scheme, StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
            return (null, null);
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (pair, null) : (pair[..colon], pair[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"(?<![0-9])[0-9]+(?![0-9])")]
    private static partial Regex Digits();

    private sealed record Behaviour(int? Status, TimeSpan Delay)
    {
        public static readonly Behaviour Normal = new(null, TimeSpan.Zero);
    }
}
