using System.Diagnostics;
using Clawverse.Core.Mail;
using Clawverse.Core.Outside;
using Clawverse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clawverse.Core.Tests.Mail;

/// <summary>MailKit's SMTP client against the local stub in each security mode, and what the reliable sender
/// does when SMTP cannot deliver: the message lands in the outbox, and a dead server opens the circuit.</summary>
public sealed class SmtpMailSenderTests : IDisposable
{
    private static readonly OutgoingMail Mail = new("owner@example.com", "Claim your agent", "Open https://clawverse.test/claim?token=abc\n.leading dot line");

    private readonly string _directory = Directory.CreateTempSubdirectory("clawverse-mail-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Plain_delivery_carries_sender_recipient_subject_and_body()
    {
        await using var stub = new SmtpStubServer();

        await Sender(stub, SmtpSecurity.None).SendAsync(Mail, CancellationToken.None);

        var message = stub.Messages.ShouldHaveSingleItem();
        message.Encrypted.ShouldBeFalse();
        message.MailFrom.ShouldContain("claims@clawverse.test");
        message.Recipients.ShouldHaveSingleItem().ShouldContain("owner@example.com");
        message.Data.ShouldContain("Subject: Claim your agent");
        message.Data.ShouldContain("https://clawverse.test/claim?token=abc");
        message.Data.ShouldContain("\n.leading dot line", Case.Sensitive, "a line starting with a dot arrives as written, after dot-stuffing");
    }

    [Fact]
    public async Task Starttls_with_login_upgrades_before_authenticating()
    {
        await using var stub = new SmtpStubServer(SmtpStubSecurity.StartTls, ("mailer", "s3cret"));

        await Sender(stub, SmtpSecurity.StartTls, trustStub: true, user: ("mailer", "s3cret")).SendAsync(Mail, CancellationToken.None);

        var message = stub.Messages.ShouldHaveSingleItem();
        message.Encrypted.ShouldBeTrue();
        message.AuthenticatedUser.ShouldBe("mailer");
    }

    [Fact]
    public async Task Implicit_tls_is_encrypted_from_the_first_byte()
    {
        await using var stub = new SmtpStubServer(SmtpStubSecurity.ImplicitTls, ("mailer", "s3cret"));

        await Sender(stub, SmtpSecurity.Tls, trustStub: true, user: ("mailer", "s3cret")).SendAsync(Mail, CancellationToken.None);

        stub.Messages.ShouldHaveSingleItem().Encrypted.ShouldBeTrue();
    }

    [Fact]
    public async Task Auto_takes_starttls_when_the_server_offers_it()
    {
        await using var stub = new SmtpStubServer(SmtpStubSecurity.StartTls);

        await Sender(stub, SmtpSecurity.Auto, trustStub: true).SendAsync(Mail, CancellationToken.None);

        stub.Messages.ShouldHaveSingleItem().Encrypted.ShouldBeTrue();
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused()
    {
        await using var stub = new SmtpStubServer(SmtpStubSecurity.StartTls);

        var e = await Should.ThrowAsync<Exception>(() => Sender(stub, SmtpSecurity.StartTls).SendAsync(Mail, CancellationToken.None));

        ReliableMailSender.IsDeliveryFailure(e).ShouldBeTrue(e.GetType().Name);
        stub.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Required_starttls_is_not_downgraded_when_the_server_does_not_offer_it()
    {
        await using var stub = new SmtpStubServer(SmtpStubSecurity.Plain);

        var e = await Should.ThrowAsync<Exception>(() => Sender(stub, SmtpSecurity.StartTls, trustStub: true).SendAsync(Mail, CancellationToken.None));

        ReliableMailSender.IsDeliveryFailure(e).ShouldBeTrue(e.GetType().Name);
        stub.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Wrong_password_goes_to_the_outbox()
    {
        await using var stub = new SmtpStubServer(SmtpStubSecurity.StartTls, ("mailer", "s3cret"));
        var reliable = Reliable(Sender(stub, SmtpSecurity.StartTls, trustStub: true, user: ("mailer", "wrong")), out var outbox);

        await reliable.SendAsync(Mail, CancellationToken.None);

        stub.Messages.ShouldBeEmpty();
        Directory.GetFiles(outbox, "*.eml").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_into_the_outbox()
    {
        await using var stub = new SmtpStubServer(SmtpStubSecurity.Silent);
        var reliable = Reliable(Sender(stub, SmtpSecurity.None, timeout: TimeSpan.FromMilliseconds(500)), out var outbox);
        var watch = Stopwatch.StartNew();

        await reliable.SendAsync(Mail, CancellationToken.None);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the timeout bounds the delivery");
        Directory.GetFiles(outbox, "*.eml").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_later_mail_skips_smtp()
    {
        await using var stub = new SmtpStubServer(SmtpStubSecurity.Silent);
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var circuit = new OutsideServiceCircuit(OutsideServiceNames.Smtp, ReliableMailSender.IsDeliveryFailure, clock,
            new CircuitSettings { FailuresToOpen = 2, BreakDuration = TimeSpan.FromSeconds(30) });
        var reliable = Reliable(Sender(stub, SmtpSecurity.None, timeout: TimeSpan.FromMilliseconds(300)), out var outbox, circuit);

        await reliable.SendAsync(Mail, CancellationToken.None);
        circuit.State.ShouldBe("closed");
        await reliable.SendAsync(Mail, CancellationToken.None);
        circuit.State.ShouldBe("open");
        await reliable.SendAsync(Mail, CancellationToken.None);

        stub.Connections.ShouldBe(2, "the third message must not try the dead server");
        Directory.GetFiles(outbox, "*.eml").Length.ShouldBe(3, "every message is kept");

        clock.Advance(TimeSpan.FromSeconds(31));
        circuit.State.ShouldBe("half-open");
    }

    private SmtpMailSender Sender(SmtpStubServer stub, SmtpSecurity security, bool trustStub = false,
        (string User, string Password)? user = null, TimeSpan? timeout = null) => new(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = stub.Port,
            Security = security,
            From = "Clawverse <claims@clawverse.test>",
            Username = user?.User,
            Password = user?.Password,
            CaFile = trustStub ? stub.WriteCertificatePem(_directory) : null,
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
        });

    private ReliableMailSender Reliable(SmtpMailSender smtp, out string outbox, OutsideServiceCircuit? circuit = null)
    {
        outbox = Path.Combine(_directory, "outbox");
        return new ReliableMailSender(smtp,
            circuit ?? new OutsideServiceCircuit(OutsideServiceNames.Smtp, ReliableMailSender.IsDeliveryFailure, TimeProvider.System),
            new OutboxMailSender(outbox, TimeProvider.System, NullLogger<OutboxMailSender>.Instance),
            NullLogger<ReliableMailSender>.Instance);
    }
}
