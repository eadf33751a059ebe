using System.Net;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.ClawVatar;

/// <summary>clawvatar.txt "Verification" and "Key recovery": 6-digit SMS codes through Twilio's API (the stub),
/// 1 phone = 1 avatar, the number kept only as a keyed hash, recovery that tells nothing.</summary>
public sealed class PhoneTests(ClawVatarFactory factory) : IClassFixture<ClawVatarFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string NewPhone() => "+1555" + Random.Shared.Next(1_000_000, 9_999_999);

    [Fact]
    public async Task A_human_verifies_by_phone_and_the_avatar_never_expires()
    {
        var avatar = await _client.CreateAvatarAsync(ownerType: "HUMAN");
        var phone = NewPhone();
        (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key, phone }))
            .ShouldBeVatarOk().Body.Text("message").ShouldBe("Verification code sent.");
        var sent = factory.Sms.Delivered.Last(request => request.To == phone);
        sent.From.ShouldBe("+15550000000");
        sent.User.ShouldBe(factory.Sms.AccountSid);
        var code = factory.Sms.LastCodeTo(phone)!;
        code.ShouldMatch("^[0-9]{6}$");

        var wrong = code == "000000" ? "111111" : "000000";
        (await Confirm(avatar, phone, wrong)).ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_code");
        (await Confirm(avatar, "+15559999999", code)).ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_code");
        var verified = (await Confirm(avatar, phone, code)).ShouldBeVatarOk().Body;
        verified.GetProperty("isVerified").GetBoolean().ShouldBeTrue();
        (await Confirm(avatar, phone, code)).ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_code");

        var read = (await _client.ApiGetAsync($"/api/v1/avatars/{avatar.Pseudonym}")).ShouldBeVatarOk().Body;
        read.GetProperty("isVerified").GetBoolean().ShouldBeTrue();
        read.GetProperty("expiresAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        read.Text("tier").ShouldBe("verified_human");
        read.ToString().ShouldNotContain(phone[2..]);

        // 1 phone = 1 avatar, told only to whoever proves the phone (sending does not say which numbers are taken).
        var second = await _client.CreateAvatarAsync(ownerType: "HUMAN");
        (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = second.Pseudonym, managementKey = second.Key, phone = phone.Insert(2, " ") }))
            .ShouldBeVatarOk();
        (await Confirm(second, phone, factory.Sms.LastCodeTo(phone)!)).ShouldBeVatarError(HttpStatusCode.Conflict, "phone_in_use");
    }

    [Fact]
    public async Task Five_wrong_codes_burn_the_code()
    {
        var avatar = await _client.CreateAvatarAsync(ownerType: "HUMAN");
        var phone = NewPhone();
        (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key, phone })).ShouldBeVatarOk();
        var code = factory.Sms.LastCodeTo(phone)!;
        var wrong = code == "123456" ? "654321" : "123456";
        for (var i = 0; i < 5; i++)
        {
            (await Confirm(avatar, phone, wrong)).ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_code");
        }

        (await Confirm(avatar, phone, code)).ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_code");
    }

    [Fact]
    public async Task A_code_expires_after_ten_minutes()
    {
        var avatar = await _client.CreateAvatarAsync(ownerType: "HUMAN");
        var phone = NewPhone();
        (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key, phone })).ShouldBeVatarOk();
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        (await Confirm(avatar, phone, factory.Sms.LastCodeTo(phone)!)).ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_code");
    }

    [Fact]
    public async Task Refusals_name_what_is_wrong()
    {
        var ai = await _client.CreateAvatarAsync();
        (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = ai.Pseudonym, managementKey = ai.Key, phone = NewPhone() }))
            .ShouldBeVatarError(HttpStatusCode.BadRequest, "wrong_owner_type");
        var human = await _client.CreateAvatarAsync(ownerType: "HUMAN");
        (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = human.Pseudonym, managementKey = human.Key, phone = "5551234567" }))
            .ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_phone");
        (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = ai.Pseudonym, managementKey = human.Key, phone = NewPhone() }))
            .ShouldBeVatarError(HttpStatusCode.Forbidden, "invalid_management_key");

        // Twilio refusing the number, and Twilio being down, say so and leave no code behind.
        factory.Sms.FailWith(400);
        try
        {
            (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = human.Pseudonym, managementKey = human.Key, phone = NewPhone() }))
                .ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_phone");
            factory.Sms.FailWith(503);
            (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = human.Pseudonym, managementKey = human.Key, phone = NewPhone() }))
                .ShouldBeVatarError(HttpStatusCode.ServiceUnavailable, "sms_unavailable");
        }
        finally
        {
            factory.Sms.Recover();
        }
    }

    [Fact]
    public async Task A_verified_human_recovers_the_key_by_phone_and_the_old_key_dies()
    {
        var (avatar, phone) = await VerifiedHumanAsync();
        var before = factory.Sms.Delivered.Count;
        // Neither a wrong phone nor an unknown pseudonym is told apart from a match, and neither sends anything.
        foreach (var body in new object[] { new { pseudonym = avatar.Pseudonym, phone = NewPhone() }, new { pseudonym = "NoSuchAvatar", phone } })
        {
            (await _client.VatarPostAsync("/api/recover/send-code", body)).ShouldBeVatarOk().Body.Text("message").ShouldBe("Recovery code sent.");
        }

        factory.Sms.Delivered.Count.ShouldBe(before);
        var verificationCode = factory.Sms.LastCodeTo(phone);
        (await _client.VatarPostAsync("/api/recover/send-code", new { pseudonym = avatar.Pseudonym, phone })).ShouldBeVatarOk();
        // The recovery text goes out after the answer (so its time tells nothing): wait for it.
        var code = await SmsArrivesAsync(() => factory.Sms.Delivered.Count > before ? factory.Sms.LastCodeTo(phone) : null);
        factory.Sms.Delivered.Count.ShouldBe(before + 1);
        code.ShouldNotBe(verificationCode);
        (await _client.VatarPostAsync("/api/recover/confirm-code", new { pseudonym = "NoSuchAvatar", phone, code }))
            .ShouldBeVatarError(HttpStatusCode.BadRequest, "invalid_code");
        var recovered = (await _client.VatarPostAsync("/api/recover/confirm-code", new { pseudonym = avatar.Pseudonym, phone, code })).ShouldBeVatarOk().Body;
        var newKey = recovered.Text("managementKey");
        newKey.ShouldNotBe(avatar.Key);
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = avatar.Key, bio = "old" }))
            .ShouldBeVatarError(HttpStatusCode.Unauthorized, "invalid_management_key");
        (await _client.VatarPostAsync("/api/avatar/update", new { managementKey = newKey, bio = "new" })).ShouldBeVatarOk();
    }

    [Fact]
    public async Task Deleting_a_verified_human_needs_a_fresh_phone_code()
    {
        var (avatar, phone) = await VerifiedHumanAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = avatar.Key }))
            .ShouldBeVatarError(HttpStatusCode.Forbidden, "phone_verification_required");
        (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key, phone = NewPhone() }))
            .ShouldBeVatarError(HttpStatusCode.Conflict, "already_verified");
        (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key, phone })).ShouldBeVatarOk();
        (await Confirm(avatar, phone, factory.Sms.LastCodeTo(phone)!)).ShouldBeVatarOk();
        (await _client.VatarPostAsync("/api/avatar/delete", new { managementKey = avatar.Key })).ShouldBeVatarOk();
        (await _client.ApiGetAsync($"/api/v1/avatars/{avatar.Pseudonym}")).ShouldBeVatarError(HttpStatusCode.NotFound, "avatar_not_found");
    }

    internal static async Task<string> SmsArrivesAsync(Func<string?> code)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            if (code() is { } arrived)
            {
                return arrived;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No text arrived within 5 seconds.");
    }

    internal async Task<(Vatar Avatar, string Phone)> VerifiedHumanAsync()
    {
        var avatar = await _client.CreateAvatarAsync(ownerType: "HUMAN");
        var phone = NewPhone();
        (await _client.VatarPostAsync("/api/verify/send-code", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key, phone })).ShouldBeVatarOk();
        (await Confirm(avatar, phone, factory.Sms.LastCodeTo(phone)!)).ShouldBeVatarOk();
        return (avatar, phone);
    }

    private Task<ApiAnswer> Confirm(Vatar avatar, string phone, string code) =>
        _client.VatarPostAsync("/api/verify/confirm-code", new { pseudonym = avatar.Pseudonym, managementKey = avatar.Key, phone, code });
}
