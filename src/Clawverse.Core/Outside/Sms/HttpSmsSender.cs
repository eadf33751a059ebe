using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace Clawverse.Core.Outside.Sms;

/// <summary>
/// Twilio's Messages API over plain HTTP (no SDK: it is one form post): <c>POST
/// {url}/2010-04-01/Accounts/{sid}/Messages.json</c> with the form fields <c>To</c>, <c>From</c> and <c>Body</c>
/// and basic auth sid:token, bounded in time and size, behind the <see cref="OutsideServiceNames.Sms"/> circuit.
/// A 4xx about the message is <see cref="SmsOutcome.Rejected"/> and leaves the circuit alone; whatever says the
/// provider (or our account) cannot send now is <see cref="SmsOutcome.Unavailable"/> and counts against it.
/// Numbers are logged masked and bodies never, since a body carries a one-time code.
/// </summary>
public sealed class HttpSmsSender : ISmsSender, IDisposable
{
    /// <summary>A message resource or an error is a couple of kilobytes; far more is not Twilio answering.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _from;
    private readonly TimeSpan _timeout;
    private readonly OutsideServiceCircuit _circuit;
    private readonly ILogger<HttpSmsSender> _logger;

    public HttpSmsSender(SmsOptions options, OutsideServiceCircuit circuit, ILogger<HttpSmsSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AccountSid);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AuthToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.From);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));
        var url = OutsideHttp.RequireHttpUrl(options.Url, "SMS");
        var sid = options.AccountSid.Trim();

        _endpoint = new Uri($"{url.AbsoluteUri.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(sid)}/Messages.json");
        _from = options.From.Trim();
        _timeout = options.Timeout;
        _circuit = circuit;
        _logger = logger;
        _http = OutsideHttp.CreateJsonClient(options.Timeout, MaxResponseBytes);
        // Set once on the client, never per request: the token then appears nowhere but this header.
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sid}:{options.AuthToken.Trim()}")));
    }

    public async Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var to = SmsNumbers.Mask(message.To);
        // Twilio refuses these (21604, 21602); the answer is known without asking.
        if (string.IsNullOrWhiteSpace(message.To) || string.IsNullOrWhiteSpace(message.Body))
            return SmsOutcome.Rejected;

        SmsOutcome? outcome = null;
        try
        {
            await _circuit.ExecuteAsync(async token => outcome = await PostAsync(message, to, token), ct);
            return outcome ?? SmsOutcome.Unavailable;
        }
        catch (BrokenCircuitException)
        {
            _logger.LogWarning("SMS circuit open after repeated failures; the message to {To} was not sent", to);
            return SmsOutcome.Unavailable;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && IsCallFailure(e))
        {
            _logger.LogWarning(e, "SMS to {To} not sent: the provider is unavailable", to);
            return SmsOutcome.Unavailable;
        }
    }

    /// <summary>What counts against the circuit: the network, the deadline, a status that says the provider (or
    /// our account) is at fault. A refused message and the caller's cancellation do not.</summary>
    public static bool IsCallFailure(Exception e) => e is HttpRequestException or SmsCallException or TimeoutException or IOException;

    /// <summary>Returns for the answers that say something about this message; throws for the ones that say the
    /// provider cannot send now, so only those count against the circuit.</summary>
    private async Task<SmsOutcome> PostAsync(SmsMessage message, string to, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_timeout);
        try
        {
            using var form = new FormUrlEncodedContent([new("To", message.To.Trim()), new("From", _from), new("Body", message.Body)]);
            using var answer = await _http.PostAsync(_endpoint, form, deadline.Token);
            if (answer.IsSuccessStatusCode)
            {
                // Accepted: the sid is read for the operator's trail, and an unreadable body does not undo the send.
                _logger.LogInformation("SMS to {To} accepted by the provider as {MessageSid}", to, await FieldAsync(answer, "sid", deadline.Token));
                return SmsOutcome.Delivered;
            }

            if (IsRefusalOfThisMessage(answer.StatusCode))
            {
                // Twilio's error code says why (21211: invalid 'To'); its message may quote the number, so it stays out.
                _logger.LogWarning("SMS to {To} rejected by the provider: {Status}, error code {ErrorCode}",
                    to, (int)answer.StatusCode, await FieldAsync(answer, "code", deadline.Token));
                return SmsOutcome.Rejected;
            }

            throw new SmsCallException(answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? $"The SMS provider refused our account SID and auth token ({(int)answer.StatusCode})"
                : $"The SMS provider answered {(int)answer.StatusCode}");
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMS provider did not answer within {_timeout}", e);
        }
    }

    /// <summary>A 4xx about the message itself. Not our credentials (401, 403), nor a slow or throttled provider
    /// (408, 429): those hold for every message, say nothing about this one, and count as failures.</summary>
    private static bool IsRefusalOfThisMessage(HttpStatusCode status) =>
        (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    /// <summary>A top-level string or number of the JSON answer, or null when the body is not that.</summary>
    private static async Task<string?> FieldAsync(HttpResponseMessage answer, string name, CancellationToken ct)
    {
        try
        {
            using var json = JsonDocument.Parse(await answer.Content.ReadAsByteArrayAsync(ct));
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? value.ToString()
                : null;
        }
        // Even a cancelled read: the status has already said what happened to the message.
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The provider answered, but not in a way that lets any message through: 401/403, 429, 5xx.</summary>
public sealed class SmsCallException(string message) : Exception(message);
