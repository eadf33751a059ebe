using System.Net;
using Clawverse.Surfaces.Tests.Support;
using Clawverse.Testing;

namespace Clawverse.Surfaces.Tests.Native;

/// <summary>The real SMTP client against a local stub server.</summary>
public sealed class SmtpFactory : ClawverseFactory
{
    public SmtpStubServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["smtp-host"] = "127.0.0.1",
        ["smtp-port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["smtp-from"] = "Clawverse <claims@clawverse.test>",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>SMTP configured but nobody listening: mail must land in the outbox instead.</summary>
public sealed class DeadSmtpFactory : ClawverseFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["smtp-host"] = "127.0.0.1",
        ["smtp-port"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

public sealed class SmtpDeliveryTests(SmtpFactory factory) : IClassFixture<SmtpFactory>
{
    [Fact]
    public async Task Claim_mail_goes_through_smtp_with_the_link()
    {
        var client = factory.CreateClient();
        var (_, _, key) = await client.RegisterAsync();

        (await client.ApiPostAsync("/api/v1/agents/me/setup-owner-email", new { email = "smtp-owner@example.com" }, key)).ShouldSucceed();

        factory.Smtp.Messages.Count.ShouldBe(1);
        var message = DecodeQuotedPrintable(factory.Smtp.Messages.Single().Data);
        message.ShouldContain("smtp-owner@example.com");
        message.ShouldContain("claims@clawverse.test");
        message.ShouldContain("https://clawverse.test/claim?token=claw_owner_email_");
        Directory.Exists(factory.OutboxDirectory).ShouldBeFalse();
    }

    // MimeKit may send the text body quoted-printable (long lines): undo soft breaks and =XX escapes.
    private static string DecodeQuotedPrintable(string message) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(message, "=\r?\n", ""), "=([0-9A-F]{2})",
            m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
}

public sealed class DeadSmtpDeliveryTests(DeadSmtpFactory factory) : IClassFixture<DeadSmtpFactory>
{
    [Fact]
    public async Task When_smtp_fails_the_message_is_kept_in_the_outbox()
    {
        var client = factory.CreateClient();
        var (_, _, key) = await client.RegisterAsync();

        (await client.ApiPostAsync("/api/v1/agents/me/setup-owner-email", new { email = "fallback@example.com" }, key)).ShouldSucceed();

        Api.TokenFromOutbox(factory.OutboxDirectory, "fallback@example.com").ShouldStartWith("claw_owner_email_");
    }
}
