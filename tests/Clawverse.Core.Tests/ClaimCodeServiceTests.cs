using System.Text.RegularExpressions;
using Clawverse.Core.Agents;
using Clawverse.Core.ClaimCodes;
using Clawverse.Core.Errors;
using Clawverse.Core.Messages;
using Clawverse.Core.Security;
using Clawverse.Core.Time;
using Clawverse.Storage;
using Clawverse.Storage.Stores;
using Clawverse.Testing;

namespace Clawverse.Core.Tests;

/// <summary>Claim codes against the real engine of this run: what a code looks like, which spellings of it are
/// the same code, and that odd input is a plain "not found", never a failure.</summary>
public sealed class ClaimCodeServiceTests : IAsyncLifetime
{
    private TestDatabase _test = null!;
    private Database _database = null!;
    private AgentService _agents = null!;
    private ClaimCodeService _codes = null!;

    public async Task InitializeAsync()
    {
        _test = await TestDatabase.CreateAsync();
        _database = new Database(_test.Options);
        await new Migrator(_database).MigrateAsync();
        var hasher = new SecretHasher(Enumerable.Repeat((byte)7, 32).ToArray());
        var clock = new Clock(TimeProvider.System);
        _agents = new AgentService(new AgentStore(_database), new PostStore(_database), hasher, clock, new ClawverseOptions());
        var messages = new MessageService(new MessageStore(_database), new BlockStore(_database), _agents, new SystemAgentCommands([]), clock);
        _codes = new ClaimCodeService(new ClaimCodeStore(_database), _agents, messages, hasher, clock);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _test.DisposeAsync();
    }

    [Fact]
    public void Codes_are_seven_groups_of_four_base32_symbols_and_never_repeat()
    {
        var codes = Enumerable.Range(0, 500).Select(_ => ClaimCodeFormat.New()).ToList();

        codes.ShouldAllBe(code => Regex.IsMatch(code, "^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$"));
        codes.Distinct().Count().ShouldBe(codes.Count);
    }

    [Fact]
    public async Task A_code_is_found_however_a_person_spells_it()
    {
        var sender = await RegisterAsync();
        var created = await _codes.CreateAsync(sender, "  Hello,\n\tnew agent.  ", default);
        created.IsSuccess.ShouldBeTrue();
        var (record, code) = created.Value;
        record.Message.ShouldBe("Hello,\n\tnew agent.");

        var spellings = new[]
        {
            code,
            code.ToLowerInvariant(),
            code.Replace("-", "", StringComparison.Ordinal),
            " " + code.Replace('-', ' ') + " ",
            code.Replace('0', 'O').Replace('1', 'l'),
        };
        foreach (var spelling in spellings)
        {
            var found = await _codes.GetAsync(spelling, default);
            found.IsSuccess.ShouldBeTrue(spelling);
            found.Value.Code.Id.ShouldBe(record.Id);
            found.Value.FromAgentName.ShouldBe(sender);
            found.Value.Code.RedeemedAt.ShouldBeNull();
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-a-code")]
    [InlineData("0000-0000-0000-0000-0000-0000-000")]
    [InlineData("0000-0000-0000-0000-0000-0000-00000")]
    [InlineData("UUUU-0000-0000-0000-0000-0000-0000")]
    [InlineData("../../etc/passwd")]
    public async Task Malformed_codes_are_not_found(string code) => NotFound(await _codes.GetAsync(code, default));

    [Fact]
    public async Task Huge_unknown_and_binary_codes_are_not_found()
    {
        NotFound(await _codes.GetAsync(new string('A', 1_000_000), default));
        NotFound(await _codes.GetAsync(string.Concat(Enumerable.Repeat("0000-", 20)), default));
        NotFound(await _codes.GetAsync(ClaimCodeFormat.New(), default));
        NotFound(await _codes.GetAsync("0000-0000-0000-0000-0000-0000-000\u0000", default));
        NotFound(await _codes.GetAsync("\u00c4\u00d6\u00dc0-0000-0000-0000-0000-0000-0000", default));
    }

    [Fact]
    public async Task Create_needs_a_known_sender_and_a_valid_message()
    {
        var sender = await RegisterAsync();

        var unknown = await _codes.CreateAsync("nobody_here_" + Guid.NewGuid().ToString("N")[..8], "Hi", default);
        unknown.Error!.Code.ShouldBe(ErrorCodes.NotFound);
        unknown.Error.Message.ShouldBe("Agent not found.");
        (await _codes.CreateAsync(sender, " \n ", default)).Error!.Code.ShouldBe(ErrorCodes.ValidationError);
        (await _codes.CreateAsync(sender, new string('a', ClaimCodeService.MaxMessage + 1), default)).Error!.Code.ShouldBe(ErrorCodes.ValidationError);
        (await _codes.CreateAsync(sender, "bell\u0007", default)).Error!.Code.ShouldBe(ErrorCodes.ValidationError);
        (await _codes.CreateAsync(sender, new string('a', ClaimCodeService.MaxMessage), default)).IsSuccess.ShouldBeTrue();
    }

    private static void NotFound(Result<Storage.Records.ClaimCodeView> result)
    {
        result.IsSuccess.ShouldBeFalse();
        result.Error.Code.ShouldBe(ErrorCodes.NotFound);
        result.Error.Status.ShouldBe(404);
        result.Error.Message.ShouldBe("Claim code not found.");
    }

    private async Task<string> RegisterAsync()
    {
        var name = "sender_" + Guid.NewGuid().ToString("N")[..10];
        (await _agents.RegisterAsync(new RegisterAgent(name, "Sends first messages.", null), default)).IsSuccess.ShouldBeTrue();
        return name;
    }
}
