using System.Text.Json;
using System.Text.RegularExpressions;
using Clawverse.Testing;
using Clawverse.Web.Tests.Support;
using Microsoft.Playwright;

namespace Clawverse.Web.Tests;

/// <summary>window.clawvatar in real (headless) Chromium, on the gallery page and against this server's API:
/// the client generator, upload, update, the gallery, phone verification and key recovery through the SMS outbox,
/// delete, and errors that carry the API's code and status; the CSP the pages send stays in force throughout.</summary>
[Collection(WebCollection.Name)]
public sealed class AvatarBrowserTests(WebWorld world)
{
    /// <summary>bottts-neutral for "my-unique-seed" at 256 px, the same in every JavaScript engine (computed once in Node).</summary>
    private const string KnownPHash = "5c7359491bdebced";

    // Runs in the page: a method's answer, or its rejection as {error: {message, code, status, isError}}.
    private const string Call = """
        async ([method, options]) => {
          try { return await window.clawvatar[method](options); }
          catch (e) { return { error: { message: e.message, code: e.code, status: e.status, isError: e instanceof Error } }; }
        }
        """;

    private const string Generate = "o => window.clawvatar.generateClientAvatar(o)";

    private static async Task<JsonElement> SdkAsync(IPage page, string method, object? options) =>
        await page.EvaluateAsync<JsonElement>(Call, new object?[] { method, options });

    private static async Task<IPage> GalleryAsync(BrowserPage browser, string path = "/avatars")
    {
        (await browser.Page.GotoAsync(path))!.Status.ShouldBe(200);
        await browser.Page.WaitForFunctionAsync("() => window.clawvatar && window.clawvatar.version === '3.0.0'");
        return browser.Page;
    }

    private static async Task<(string DataUri, string PHash)> GenerateAsync(IPage page, string seed, string style = "bottts-neutral")
    {
        var made = await page.EvaluateAsync<JsonElement>(Generate, new { style, seed });
        return (made.GetProperty("dataUri").GetString()!, made.GetProperty("pHash").GetString()!);
    }

    private static void ShouldFail(JsonElement answer, string code, int status)
    {
        var error = answer.GetProperty("error");
        error.GetProperty("isError").GetBoolean().ShouldBeTrue();
        error.GetProperty("code").GetString().ShouldBe(code);
        error.GetProperty("status").GetInt32().ShouldBe(status);
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    private static string Text(JsonElement answer, string name) => answer.GetProperty(name).GetString()!;

    [Fact]
    public async Task The_client_generator_is_deterministic_and_its_avatars_render()
    {
        await using var browser = await world.NewPageAsync();
        var page = await GalleryAsync(browser);

        var first = await GenerateAsync(page, "my-unique-seed");
        var again = await GenerateAsync(page, "my-unique-seed");
        again.ShouldBe(first, "same seed and style, same bytes and hash");
        first.PHash.ShouldBe(KnownPHash);
        first.DataUri.ShouldStartWith("data:image/svg+xml;base64,");
        (await GenerateAsync(page, "another-seed")).DataUri.ShouldNotBe(first.DataUri);
        (await GenerateAsync(page, "my-unique-seed", "identicon")).DataUri.ShouldNotBe(first.DataUri);
        (await GenerateAsync(page, "my-unique-seed", "shapes")).PHash.ShouldMatch("^[0-9a-f]{16}$");

        // Each style draws in the browser, at the size asked for (img-src allows data: URIs).
        foreach (var style in new[] { "bottts-neutral", "identicon", "shapes" })
        {
            var width = await page.EvaluateAsync<int>("""
                async style => {
                  const { dataUri } = await window.clawvatar.generateClientAvatar({ style, seed: 'render', size: 128 });
                  const img = new Image();
                  img.src = dataUri;
                  await img.decode();
                  return img.naturalWidth;
                }
                """, style);
            width.ShouldBe(128, style);
        }

        ShouldFail(await SdkAsync(page, "generateClientAvatar", new { style = "no-such-style", seed = "x" }), "invalid_style", 0);

        var tools = await SdkAsync(page, "getTools", null);
        tools.GetProperty("tools").EnumerateArray().Select(t => Text(t, "name")).ShouldBe(
            ["Client generator", "DiceBear", "RoboHash", "UI Avatars", "Multiavatar"]);
        foreach (var tool in tools.GetProperty("tools").EnumerateArray())
        {
            tool.GetProperty("programmatic").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
            Text(tool, "url").ShouldStartWith("http");
            Text(tool, "pricing").ShouldNotBeNullOrEmpty();
            Text(tool, "category").ShouldNotBeNullOrEmpty();
        }

        var initials = await SdkAsync(page, "getTools", new { category = "initials" });
        initials.GetProperty("tools").EnumerateArray().Select(t => Text(t, "name")).ShouldBe(["UI Avatars"]);
        (await SdkAsync(page, "getTools", new { pricing = "paid" })).GetProperty("total").GetInt32().ShouldBe(0);
        (await SdkAsync(page, "getTools", new { programmatic = true })).GetProperty("total").GetInt32().ShouldBe(5);
        browser.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task An_agent_uploads_a_generated_avatar_updates_it_finds_it_in_the_gallery_and_deletes_it()
    {
        await using var browser = await world.NewPageAsync();
        var page = await GalleryAsync(browser);
        var (dataUri, _) = await GenerateAsync(page, "ChromeBot");

        var created = await SdkAsync(page, "uploadAvatar", new
        {
            imageDataUri = dataUri, pseudonym = "ChromeBot", ownerType = "AI", agentName = "Chromium", isPublic = false,
            generationTool = "DiceBear", tags = new[] { "robot", "browser" }, bio = "Made in a browser",
        });
        created.GetProperty("success").GetBoolean().ShouldBeTrue(created.ToString());
        var key = Text(created, "managementKey");
        key.Length.ShouldBeGreaterThanOrEqualTo(32);
        Text(created, "pseudonym").ShouldBe("ChromeBot");
        created.GetProperty("isPublic").GetBoolean().ShouldBeFalse();
        DateTimeOffset.Parse(Text(created, "expiresAt"), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(DateTimeOffset.UtcNow.AddDays(30), TimeSpan.FromMinutes(10));

        var taken = await SdkAsync(page, "checkPseudonym", new { pseudonym = "chromebot" });
        taken.GetProperty("available").GetBoolean().ShouldBeFalse();
        Text(taken, "suggestion").ShouldMatch("^chromebot-[0-9]{4}$");
        (await SdkAsync(page, "checkPseudonym", new { pseudonym = Text(taken, "suggestion") })).GetProperty("available").GetBoolean().ShouldBeTrue();
        ShouldFail(await SdkAsync(page, "uploadAvatar", new { imageDataUri = dataUri, pseudonym = "ChromeBot", ownerType = "AI" }),
            "pseudonym_taken", 409);

        (await SdkAsync(page, "getGallery", new { search = "chromebot" })).GetProperty("total").GetInt64().ShouldBe(0, "private until made public");
        var updated = await SdkAsync(page, "updateAvatar", new { managementKey = key, isPublic = true, tags = new[] { "robot", "updated" }, bio = "Updated in a browser" });
        updated.GetProperty("isPublic").GetBoolean().ShouldBeTrue(updated.ToString());
        updated.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["robot", "updated"]);

        var listed = await SdkAsync(page, "getGallery", new { ownerType = "AI", search = "chromebot", tag = "updated", page = 0, limit = 24 });
        listed.GetProperty("total").GetInt64().ShouldBe(1);
        var item = listed.GetProperty("avatars")[0];
        Text(item, "pseudonym").ShouldBe("ChromeBot");
        Text(item, "agentName").ShouldBe("Chromium");
        Text(item, "bio").ShouldBe("Updated in a browser");

        // The server rendered the SVG: its share page shows the image, and the gallery page lists it.
        (await page.GotoAsync("/avatar/ChromeBot"))!.Status.ShouldBe(200);
        (await page.Locator(".created-by").InnerTextAsync()).ShouldBe("Created by Chromium");
        var image = page.Locator(".avatar-page figure img");
        await image.EvaluateAsync("img => img.complete && img.naturalWidth > 0 ? true : img.decode()");
        (await image.EvaluateAsync<int>("img => img.naturalWidth")).ShouldBe(512, "a vector is rendered at the gallery's 512 px cap");
        await ScreenshotAsync(page, "avatar.png");
        // Another URL than the first visit's: public pages may be cached for 30 seconds.
        await GalleryAsync(browser, "/avatars?tag=updated");
        await Assertions.Expect(page.Locator(".avatars li[data-pseudonym='ChromeBot'] .by-agent")).ToHaveTextAsync("by Chromium");
        await ScreenshotAsync(page, "avatars.png");

        var deleted = await SdkAsync(page, "deleteAvatar", new { managementKey = key });
        deleted.GetProperty("success").GetBoolean().ShouldBeTrue(deleted.ToString());
        (await SdkAsync(page, "getGallery", new { search = "chromebot" })).GetProperty("total").GetInt64().ShouldBe(0);
        ShouldFail(await SdkAsync(page, "deleteAvatar", new { managementKey = key }), "invalid_management_key", 401);
        (await page.APIRequest.GetAsync("/avatar/ChromeBot")).Status.ShouldBe(404);
        browser.ShouldHaveNoErrorsBut(401, 404, 409);
    }

    [Fact]
    public async Task A_human_avatar_is_verified_by_phone_and_its_key_recovered_with_codes_from_the_outbox()
    {
        const string phone = "+15557654321";
        await using var browser = await world.NewPageAsync();
        var page = await GalleryAsync(browser);
        // This time the image goes up as a Blob (a File works alike), not a data URI.
        var created = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const { svg } = await window.clawvatar.generateClientAvatar({ style: 'shapes', seed: 'ChromeHuman' });
              return window.clawvatar.uploadAvatar({ file: new Blob([svg], { type: 'image/svg+xml' }), pseudonym: 'ChromeHuman',
                ownerType: 'HUMAN', agentName: 'Chromium', isPublic: true, tags: 'human,phone' });
            }
            """);
        var key = Text(created, "managementKey");
        Text(created, "ownerType").ShouldBe("HUMAN");

        var sent = await SdkAsync(page, "verifyHuman", new { pseudonym = "ChromeHuman", managementKey = key, phone });
        Text(sent, "message").ShouldBe("Verification code sent.");
        var code = SmsOutbox.LastCodeTo(world.OutboxDirectory, phone).ShouldNotBeNull();
        ShouldFail(await SdkAsync(page, "confirmVerification", new { pseudonym = "ChromeHuman", managementKey = key, phone, code = code == "000000" ? "111111" : "000000" }),
            "invalid_code", 400);
        var verified = await SdkAsync(page, "confirmVerification", new { pseudonym = "ChromeHuman", managementKey = key, phone, code });
        verified.GetProperty("isVerified").GetBoolean().ShouldBeTrue(verified.ToString());
        verified.GetProperty("expiresAt").ValueKind.ShouldBe(JsonValueKind.Null);

        (await page.GotoAsync("/avatar/ChromeHuman"))!.Status.ShouldBe(200);
        (await page.Locator(".marks li").AllInnerTextsAsync()).ShouldBe(["Verified"]);
        (await page.Locator("#av-expiry").CountAsync()).ShouldBe(0);
        await GalleryAsync(browser);

        (await SdkAsync(page, "recoverKey", new { pseudonym = "ChromeHuman", phone })).GetProperty("success").GetBoolean().ShouldBeTrue();
        // The recovery text is written after the answer (its time must not tell whether the pair exists): wait for it.
        for (var waited = 0; SmsOutbox.LastMessageTo(world.OutboxDirectory, phone)?.Contains("recovery code", StringComparison.Ordinal) != true; waited++)
        {
            waited.ShouldBeLessThan(100, "the recovery text arrives within 5 seconds");
            await Task.Delay(50);
        }

        var recovered = await SdkAsync(page, "confirmRecovery", new { pseudonym = "ChromeHuman", phone, code = SmsOutbox.LastCodeTo(world.OutboxDirectory, phone) });
        var newKey = Text(recovered, "managementKey");
        newKey.ShouldNotBe(key);

        ShouldFail(await SdkAsync(page, "updateAvatar", new { managementKey = key, bio = "old key" }), "invalid_management_key", 401);
        (await SdkAsync(page, "updateAvatar", new { managementKey = newKey, bio = "new key" })).GetProperty("bio").GetString().ShouldBe("new key");
        // The recovery code was a fresh phone proof: a verified human may delete now.
        (await SdkAsync(page, "deleteAvatar", new { managementKey = newKey })).GetProperty("success").GetBoolean().ShouldBeTrue();
        (await page.APIRequest.GetAsync("/api/v1/avatars/ChromeHuman")).Status.ShouldBe(404);
        browser.ShouldHaveNoErrorsBut(400, 401);
    }

    [Fact]
    public async Task The_gallery_page_filters_and_pages_from_its_form_without_inline_script()
    {
        await using var browser = await world.NewPageAsync();
        var page = await GalleryAsync(browser);
        (await page.EvaluateAsync<string[]>("() => [...document.scripts].map(s => s.getAttribute('src') || 'inline')"))
            .ShouldAllBe(src => src.StartsWith("/assets/", StringComparison.Ordinal));
        await page.GetByLabel("Owner").SelectOptionAsync("HUMAN");
        await page.GetByLabel("Pseudonym").FillAsync("nobody-like-this");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/avatars\\?ownerType=HUMAN&search=nobody-like-this"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".empty")).ToHaveTextAsync("No public avatar matches these filters.");
        (await page.EvaluateAsync<string>("() => window.clawvatar.version")).ShouldBe("3.0.0");
        browser.ShouldHaveNoErrors();
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Clawverse.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Clawverse.sln not found above " + AppContext.BaseDirectory);
    }
}
