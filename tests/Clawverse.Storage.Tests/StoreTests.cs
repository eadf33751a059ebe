using Clawverse.Storage;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;
using Clawverse.Testing;
using Dapper;

namespace Clawverse.Storage.Tests;

/// <summary>The stores against the real engine of this run.</summary>
public sealed class StoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, 123456 / 1000, TimeSpan.Zero);

    private TestDatabase _test = null!;
    private Database _database = null!;

    public async Task InitializeAsync()
    {
        _test = await TestDatabase.CreateAsync();
        _database = new Database(_test.Options);
        await new Migrator(_database).MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _test.DisposeAsync();
    }

    private static AgentRecord Agent(string name, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Name = name,
        NameNormalized = name,
        Status = "pending_claim",
        VerificationCode = "crab-TEST",
        ClaimTokenHash = Guid.NewGuid().ToByteArray(),
        CreatedAt = at,
        UpdatedAt = at,
    };

    private static ApiKeyRecord Key(Guid agentId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        AgentId = agentId,
        KeyHash = Guid.NewGuid().ToByteArray(),
        Prefix = "claw_live_",
        CreatedAt = at,
    };

    [Fact]
    public async Task Ids_and_times_round_trip_exactly()
    {
        var store = new AgentStore(_database);
        var at = T0.AddTicks(4560);
        var agent = Agent("round_trip", at) with { ClaimedAt = at.AddDays(1), AvatarMediaId = Guid.CreateVersion7() };

        (await store.InsertAsync(agent, Key(agent.Id, at), default)).ShouldBeTrue();
        var read = await store.GetByIdAsync(agent.Id, default);

        read.ShouldNotBeNull();
        read.Id.ShouldBe(agent.Id);
        read.CreatedAt.ShouldBe(at);
        read.ClaimedAt.ShouldBe(at.AddDays(1));
        read.AvatarMediaId.ShouldBe(agent.AvatarMediaId);
        read.OwnerId.ShouldBeNull();
    }

    [Fact]
    public async Task Ordering_by_id_follows_creation_time_on_both_engines()
    {
        var store = new AgentStore(_database);
        var owners = new OwnerStore(_database);
        var owner = await owners.GetOrCreateAsync(new OwnerRecord
        {
            Id = Guid.CreateVersion7(T0), Email = "o@example.com", EmailNormalized = "o@example.com", CreatedAt = T0,
        }, default);
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var agent = Agent($"ordered_{i}", T0.AddSeconds(i));
            await store.InsertAsync(agent, Key(agent.Id, T0), default);
            await store.SetPendingOwnerAsync(agent.Id, owner.Id, owner.Email, T0, default);
            created.Add(agent.Id);
        }

        (await store.ListByOwnerAsync(owner.Id, default)).Select(a => a.Id).ShouldBe(created);
    }

    [Fact]
    public async Task Unique_violations_are_recognised_on_this_engine()
    {
        var store = new AgentStore(_database);
        var first = Agent("same_name", T0);
        (await store.InsertAsync(first, Key(first.Id, T0), default)).ShouldBeTrue();
        var second = Agent("same_name", T0.AddSeconds(1));
        (await store.InsertAsync(second, Key(second.Id, T0), default)).ShouldBeFalse();
        (await store.GetByIdAsync(second.Id, default)).ShouldBeNull();
    }

    [Fact]
    public async Task A_failed_insert_leaves_nothing_half_written()
    {
        var store = new AgentStore(_database);
        var agent = Agent("half_written", T0);
        var taken = Agent("taken_key_owner", T0);
        var key = Key(taken.Id, T0);
        await store.InsertAsync(taken, key, default);

        // Same key hash as an existing key: the key insert fails after the agent row was written,
        // and the transaction takes the agent row back with it.
        (await store.InsertAsync(agent, key with { Id = Guid.NewGuid(), AgentId = agent.Id }, default)).ShouldBeFalse();

        (await store.GetByIdAsync(agent.Id, default)).ShouldBeNull();
        (await store.GetByNameAsync("half_written", default)).ShouldBeNull();
    }

    [Fact]
    public async Task Rotation_revokes_every_older_key()
    {
        var store = new AgentStore(_database);
        var agent = Agent("rotating", T0);
        var oldKey = Key(agent.Id, T0);
        await store.InsertAsync(agent, oldKey, default);
        var newKey = Key(agent.Id, T0.AddMinutes(1));

        await store.RotateKeyAsync(newKey, default);

        (await store.FindByKeyHashAsync(oldKey.KeyHash, default)).ShouldBeNull();
        (await store.FindByKeyHashAsync(newKey.KeyHash, default))!.Value.Agent.Id.ShouldBe(agent.Id);
    }

    [Fact]
    public async Task Email_tokens_are_consumed_once_and_report_why_not()
    {
        var owners = new OwnerStore(_database);
        var owner = await owners.GetOrCreateAsync(new OwnerRecord
        {
            Id = Guid.CreateVersion7(T0), Email = "t@example.com", EmailNormalized = "t@example.com", CreatedAt = T0,
        }, default);
        var hash = Guid.NewGuid().ToByteArray();
        await owners.InsertEmailTokenAsync(new OwnerEmailTokenRecord
        {
            Id = Guid.CreateVersion7(T0), OwnerId = owner.Id, TokenHash = hash, Purpose = "login", ExpiresAt = T0.AddMinutes(30), CreatedAt = T0,
        }, default);
        OwnerSessionRecord Session() => new()
        {
            Id = Guid.CreateVersion7(T0), OwnerId = Guid.Empty, TokenHash = Guid.NewGuid().ToByteArray(), ExpiresAt = T0.AddDays(1), CreatedAt = T0,
        };

        (await owners.ConsumeEmailTokenAsync(hash, Session(), T0.AddMinutes(31), default)).Outcome.ShouldBe(TokenConsumeOutcome.Expired);
        (await owners.ConsumeEmailTokenAsync(hash, Session(), T0.AddMinutes(1), default)).ShouldBe((TokenConsumeOutcome.Consumed, owner.Id));
        (await owners.ConsumeEmailTokenAsync(hash, Session(), T0.AddMinutes(2), default)).Outcome.ShouldBe(TokenConsumeOutcome.AlreadyConsumed);
        (await owners.ConsumeEmailTokenAsync([1, 2, 3], Session(), T0, default)).Outcome.ShouldBe(TokenConsumeOutcome.Unknown);
    }

    [Fact]
    public async Task The_same_owner_email_is_one_owner_under_concurrency()
    {
        var owners = new OwnerStore(_database);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => owners.GetOrCreateAsync(new OwnerRecord
        {
            Id = Guid.CreateVersion7(), Email = "Same@Example.com", EmailNormalized = "same@example.com", CreatedAt = T0,
        }, default)));

        results.Select(o => o.Id).Distinct().Count().ShouldBe(1);
        await using var connection = await _database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM owners")).ShouldBe(1);
    }

    [Fact]
    public async Task Idempotency_reservations_are_exclusive_until_released()
    {
        var store = new IdempotencyStore(_database);
        var reservation = new IdempotencyRecord { Scope = "agent:1", IdempotencyKey = "k", RequestHash = [1], CreatedAt = T0 };

        (await store.TryReserveAsync(reservation, default)).ShouldBeNull();
        (await store.TryReserveAsync(reservation, default))!.StatusCode.ShouldBeNull();
        await store.ReleaseAsync("agent:1", "k", default);
        (await store.TryReserveAsync(reservation, default)).ShouldBeNull();
        await store.CompleteAsync("agent:1", "k", 201, "application/json", [7, 7], default);
        var done = await store.TryReserveAsync(reservation, default);
        done!.StatusCode.ShouldBe(201);
        done.ResponseBody.ShouldBe(new byte[] { 7, 7 });
        (await store.PurgeOlderThanAsync(T0.AddHours(25), default)).ShouldBe(1);
    }
}
