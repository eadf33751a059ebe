using System.Text.RegularExpressions;
using Clawverse.Core.ClaimCodes;
using Clawverse.Core.Security;
using Clawverse.Host.Admin;
using Clawverse.Storage;
using Clawverse.Storage.Stores;
using Clawverse.Surfaces.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.Tests.Operations;

/// <summary>clawverse admin, run in process against the test server's data directory, database and secret, as an
/// operator runs it beside a live server: what it prints, what it stores, and how it refuses.</summary>
public sealed partial class AdminCliTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    [Fact]
    public async Task Create_prints_the_code_alone_on_the_last_line_and_stores_only_its_hash()
    {
        var (sender, senderId) = await RegisterAsync();

        var run = await factory.AdminAsync("claim-codes", "create", "--from", sender, "--message", "Welcome!\nAsk me anything.");

        run.Exit.ShouldBe(0, run.Stderr);
        run.Stderr.ShouldBeEmpty();
        var lines = Lines(run.Stdout);
        lines.Length.ShouldBeGreaterThan(1);
        lines[0].ShouldContain(sender);
        var code = lines[^1];
        CodeShape().IsMatch(code).ShouldBeTrue(code);

        // The server, with the same secret, finds the code the command made.
        var found = await factory.Services.GetRequiredService<ClaimCodeService>().GetAsync(code, default);
        found.IsSuccess.ShouldBeTrue();
        found.Value.FromAgentName.ShouldBe(sender);
        found.Value.Code.FromAgentId.ShouldBe(senderId);
        found.Value.Code.Message.ShouldBe("Welcome!\nAsk me anything.");
        found.Value.Code.RedeemedAt.ShouldBeNull();

        await using var connection = await factory.Services.GetRequiredService<Database>().OpenAsync();
        var row = (IDictionary<string, object?>)await connection.QuerySingleAsync(
            "SELECT * FROM claim_codes WHERE id = @id", new { id = found.Value.Code.Id });
        var canonical = code.Replace("-", "", StringComparison.Ordinal);
        ((byte[])row["code_hash"]!).ShouldBe(factory.Services.GetRequiredService<SecretHasher>().Hash(canonical));
        foreach (var (column, value) in row)
        {
            var text = value?.ToString() ?? "";
            text.ShouldNotContain(canonical, customMessage: column);
            text.ShouldNotContain(code, customMessage: column);
        }
    }

    [Fact]
    public async Task List_shows_codes_newest_first_with_their_state_but_never_the_code()
    {
        var (sender, _) = await RegisterAsync();
        var (redeemer, redeemerId) = await RegisterAsync();
        var first = Lines((await factory.AdminAsync("claim-codes", "create", "--from", sender, "--message", "first")).Stdout)[^1];
        var second = Lines((await factory.AdminAsync("claim-codes", "create", "--from", sender, "--message", "second")).Stdout)[^1];
        var codes = factory.Services.GetRequiredService<ClaimCodeService>();
        var firstId = (await codes.GetAsync(first, default)).Value!.Code.Id;
        var secondId = (await codes.GetAsync(second, default)).Value!.Code.Id;

        // Redeemed the way the redemption endpoint will: inside its own transaction, once.
        var database = factory.Services.GetRequiredService<Database>();
        var at = new DateTimeOffset(2026, 11, 26, 8, 30, 0, TimeSpan.Zero);
        (await database.InTransactionAsync((c, t) => ClaimCodeStore.MarkRedeemedAsync(c, t, firstId, redeemerId, at))).ShouldBeTrue();
        (await database.InTransactionAsync((c, t) => ClaimCodeStore.MarkRedeemedAsync(c, t, firstId, redeemerId, at.AddHours(1)))).ShouldBeFalse();

        var run = await factory.AdminAsync("claim-codes", "list");

        run.Exit.ShouldBe(0, run.Stderr);
        var lines = Lines(run.Stdout);
        var firstLine = lines.Single(line => line.StartsWith(firstId.ToString(), StringComparison.Ordinal));
        var secondLine = lines.Single(line => line.StartsWith(secondId.ToString(), StringComparison.Ordinal));
        Array.IndexOf(lines, secondLine).ShouldBeLessThan(Array.IndexOf(lines, firstLine));
        firstLine.Split('\t')[1].ShouldBe(sender);
        firstLine.ShouldEndWith($"redeemed by {redeemer} at 2026-11-26T08:30:00Z");
        secondLine.ShouldEndWith("\tunredeemed");
        foreach (var code in new[] { first, second })
        {
            run.Stdout.ShouldNotContain(code);
            run.Stdout.ShouldNotContain(code.Replace("-", "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_unknown_sender_is_refused_with_a_message()
    {
        var run = await factory.AdminAsync("claim-codes", "create", "--from", "nobody_" + Guid.NewGuid().ToString("N")[..8], "--message", "Hi");

        run.Exit.ShouldBe(1);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain("Agent not found.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task An_empty_or_over_long_message_is_refused(string? message)
    {
        var (sender, _) = await RegisterAsync();

        var run = await factory.AdminAsync("claim-codes", "create", "--from", sender, "--message", message ?? new string('x', ClaimCodeService.MaxMessage + 1));

        run.Exit.ShouldBe(1);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain(message is null ? "at most 10000 characters" : "message is required");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("admin frobnicate")]
    [InlineData("admin claim-codes")]
    [InlineData("admin claim-codes create --message hello")]
    [InlineData("admin claim-codes list --no-such-switch")]
    [InlineData("")]
    public async Task Usage_errors_print_help_and_exit_non_zero(string commandLine)
    {
        var run = await RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        run.Exit.ShouldBe(AdminCli.Usage);
        run.Stdout.ShouldContain("Usage:");
        run.Stderr.ShouldNotBeEmpty();
        run.Stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Help_lists_the_verbs_and_exits_zero()
    {
        var run = await RunAsync(["admin", "claim-codes", "--help"]);

        run.Exit.ShouldBe(0);
        run.Stdout.ShouldContain("create");
        run.Stdout.ShouldContain("list");
        run.Stdout.ShouldContain("--data-dir");
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_one_line_on_stderr()
    {
        var run = await RunAsync(["admin", "claim-codes", "list", "--data-dir", factory.DataDirectory, "--secret", ClawverseFactory.Secret,
            "--database", "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=2"]);

        run.Exit.ShouldBe(1);
        run.Stderr.ShouldStartWith("error: ");
        run.Stderr.ShouldNotContain("   at ");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args)
    {
        await using var stdout = new StringWriter();
        await using var stderr = new StringWriter();
        var exit = await AdminCli.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<(string Name, Guid Id)> RegisterAsync()
    {
        using var client = factory.CreateClient();
        var (name, id, _) = await client.RegisterAsync();
        return (name, Guid.Parse(id));
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$")]
    private static partial Regex CodeShape();
}
