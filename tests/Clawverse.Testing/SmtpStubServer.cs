using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Clawverse.Testing;

/// <summary>How the stub secures its connections.</summary>
public enum SmtpStubSecurity
{
    /// <summary>Plain text; STARTTLS is not offered.</summary>
    Plain,

    /// <summary>Plain greeting, STARTTLS offered in the EHLO reply.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS).</summary>
    ImplicitTls,

    /// <summary>Accepts the connection and never says a word: for client timeouts.</summary>
    Silent,
}

/// <summary>One message as the stub received it, with how the session carrying it was secured.</summary>
public sealed record StubMessage(string Data, string MailFrom, IReadOnlyList<string> Recipients, bool Encrypted, string? AuthenticatedUser);

/// <summary>
/// A small SMTP server on loopback (RFC 5321 with EHLO, STARTTLS per RFC 3207, AUTH PLAIN and LOGIN per
/// RFC 4954) that keeps every message, so the real SMTP client is tested end to end. With
/// <c>requiredLogin</c> set it advertises AUTH and refuses mail from an unauthenticated session.
/// </summary>
public sealed class SmtpStubServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpStubSecurity _security;
    private readonly (string User, string Password)? _requiredLogin;
    private readonly Task _loop;

    public SmtpStubServer(SmtpStubSecurity security = SmtpStubSecurity.Plain, (string User, string Password)? requiredLogin = null)
    {
        _security = security;
        _requiredLogin = requiredLogin;
        Certificate = CreateCertificate();
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The stub's self-signed certificate (CN=localhost, SAN 127.0.0.1), for TLS modes.</summary>
    public X509Certificate2 Certificate { get; }

    public ConcurrentQueue<StubMessage> Messages { get; } = new();

    /// <summary>Connections accepted so far, delivered or not.</summary>
    public int Connections => _connections;

    private int _connections;

    /// <summary>Writes the certificate as PEM, for a client that is told to trust it.</summary>
    public string WriteCertificatePem(string directory)
    {
        var path = Path.Combine(directory, $"smtp-stub-{Port}.pem");
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        return path;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            if (_security == SmtpStubSecurity.Silent)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }

            Stream stream = client.GetStream();
            if (_security == SmtpStubSecurity.ImplicitTls)
                stream = await UpgradeAsync(stream);
            await new Session(this, stream, _security == SmtpStubSecurity.ImplicitTls).RunAsync();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            // The client hung up, refused our certificate, or the stub is stopping.
        }
    }

    private async Task<SslStream> UpgradeAsync(Stream stream)
    {
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsServerAsync(Certificate);
        return tls;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
        Certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // A PFX round trip gives the server side a private key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>One SMTP conversation; STARTTLS swaps the stream under it.</summary>
    private sealed class Session(SmtpStubServer server, Stream stream, bool encrypted)
    {
        private StreamReader _reader = null!;
        private StreamWriter _writer = null!;
        private string? _user;
        private string _mailFrom = string.Empty;
        private readonly List<string> _recipients = [];

        public async Task RunAsync()
        {
            Attach(stream);
            await Reply("220 stub ESMTP");
            while (await _reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : string.Empty;
                switch (verb)
                {
                    case "EHLO":
                        await Ehlo();
                        break;
                    case "HELO":
                        await Reply("250 stub");
                        break;
                    case "STARTTLS" when server._security == SmtpStubSecurity.StartTls && !encrypted:
                        await Reply("220 go ahead");
                        // The client waits for 220 before its handshake, so nothing is buffered past this line.
                        stream = await server.UpgradeAsync(stream);
                        encrypted = true;
                        _user = null;
                        Attach(stream);
                        break;
                    case "AUTH" when server._requiredLogin is not null:
                        await Authenticate(argument);
                        break;
                    case "MAIL" when server._requiredLogin is not null && _user is null:
                        await Reply("530 5.7.0 Authentication required");
                        break;
                    case "MAIL":
                        _mailFrom = argument;
                        _recipients.Clear();
                        await Reply("250 ok");
                        break;
                    case "RCPT":
                        _recipients.Add(argument);
                        await Reply("250 ok");
                        break;
                    case "DATA":
                        await Data();
                        break;
                    case "QUIT":
                        await Reply("221 bye");
                        return;
                    case "RSET":
                    case "NOOP":
                        await Reply("250 ok");
                        break;
                    default:
                        await Reply("502 5.5.1 Not implemented");
                        break;
                }
            }
        }

        private void Attach(Stream current)
        {
            _reader = new StreamReader(current, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            _writer = new StreamWriter(current, Encoding.ASCII, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        }

        private Task Reply(string line) => _writer.WriteLineAsync(line);

        private async Task Ehlo()
        {
            var lines = new List<string> { "stub" };
            if (server._security == SmtpStubSecurity.StartTls && !encrypted)
                lines.Add("STARTTLS");
            if (server._requiredLogin is not null)
                lines.Add("AUTH PLAIN LOGIN");
            lines.Add("8BITMIME");
            for (var i = 0; i < lines.Count; i++)
                await Reply($"250{(i < lines.Count - 1 ? '-' : ' ')}{lines[i]}");
        }

        private async Task Authenticate(string argument)
        {
            var parts = argument.Split(' ', 2);
            string? user, password;
            switch (parts[0].ToUpperInvariant())
            {
                case "PLAIN":
                    var response = parts.Length > 1 ? parts[1] : await Challenge(string.Empty);
                    var fields = Decode(response).Split('\0');
                    (user, password) = fields.Length == 3 ? (fields[1], fields[2]) : (null, null);
                    break;
                case "LOGIN":
                    user = Decode(parts.Length > 1 ? parts[1] : await Challenge("VXNlcm5hbWU6"));
                    password = Decode(await Challenge("UGFzc3dvcmQ6"));
                    break;
                default:
                    await Reply("504 5.5.4 Unrecognized authentication type");
                    return;
            }

            if ((user, password) == server._requiredLogin)
            {
                _user = user;
                await Reply("235 2.7.0 Authentication successful");
            }
            else
            {
                await Reply("535 5.7.8 Authentication credentials invalid");
            }
        }

        private async Task<string> Challenge(string prompt)
        {
            await Reply($"334 {prompt}".TrimEnd());
            return await _reader.ReadLineAsync() ?? string.Empty;
        }

        private static string Decode(string base64)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                return string.Empty;
            }
        }

        private async Task Data()
        {
            await Reply("354 end with .");
            var data = new StringBuilder();
            while (await _reader.ReadLineAsync() is { } dataLine && dataLine != ".")
            {
                // Dot-stuffing (RFC 5321 4.5.2): a leading dot was doubled by the client.
                data.AppendLine(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine);
            }

            server.Messages.Enqueue(new StubMessage(data.ToString(), _mailFrom, [.. _recipients], encrypted, _user));
            await Reply("250 queued");
        }
    }
}
