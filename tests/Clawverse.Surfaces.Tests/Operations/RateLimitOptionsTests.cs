using Clawverse.Surfaces.Http;
using Microsoft.Extensions.Configuration;

namespace Clawverse.Surfaces.Tests.Operations;

/// <summary>How operators set limits: a rule by name, the scale over all of them, and refusals for typos.</summary>
public sealed class RateLimitOptionsTests
{
    private static RateLimitOptions Load(params (string Key, string Value)[] settings) =>
        RateLimitOptions.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void Defaults_are_the_seed_values()
    {
        var options = Load();
        foreach (var definition in RateLimitRules.All)
        {
            options[definition].ShouldBe(definition.Default);
        }

        options[RateLimitRules.ClawNetSend].ShouldBe(new RateLimitRule(60, TimeSpan.FromHours(1)));
        options[RateLimitRules.ClawNetSendNewAccount].ShouldBe(new RateLimitRule(10, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_rule_is_set_by_its_variable_or_section_and_the_scale_multiplies_every_limit()
    {
        var options = Load(
            ("CLAWVERSE_RATE_LIMIT_CLAWNET_SEND", "5/10m"),
            ("RateLimits:clawnet-inbox", "7/30s"),
            ("CLAWVERSE_RATE_LIMIT_SCALE", "2"));

        options[RateLimitRules.ClawNetSend].ShouldBe(new RateLimitRule(10, TimeSpan.FromMinutes(10)));
        options[RateLimitRules.ClawNetInbox].ShouldBe(new RateLimitRule(14, TimeSpan.FromSeconds(30)));
        options[RateLimitRules.ClawNetPosts].ShouldBe(new RateLimitRule(20, TimeSpan.FromHours(1)));

        // A small scale keeps at least one request per window.
        Load(("CLAWVERSE_RATE_LIMIT_SCALE", "0.001"))[RateLimitRules.ClawNetRotate].Limit.ShouldBe(1);
    }

    [Theory]
    [InlineData("RateLimits:clawnet-sned", "5/1h")]
    [InlineData("CLAWVERSE_RATE_LIMIT_CLAWNET_SEND", "lots")]
    [InlineData("CLAWVERSE_RATE_LIMIT_CLAWNET_SEND", "0/1h")]
    [InlineData("CLAWVERSE_RATE_LIMIT_CLAWNET_SEND", "5/0s")]
    [InlineData("CLAWVERSE_RATE_LIMIT_SCALE", "0")]
    [InlineData("CLAWVERSE_RATE_LIMIT_SCALE", "-1")]
    [InlineData("CLAWVERSE_RATE_LIMIT_SCALE", "fast")]
    public void Unusable_settings_are_refused_at_start(string key, string value) =>
        Should.Throw<InvalidOperationException>(() => Load((key, value)));

    [Theory]
    [InlineData(1, "1 hour")]
    [InlineData(2, "2 hours")]
    public void Windows_read_as_people_write_them(int hours, string text) =>
        new RateLimitRule(1, TimeSpan.FromHours(hours)).WindowText().ShouldBe(text);

    [Fact]
    public void The_readme_table_lists_every_rule_with_its_variable_and_default()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Clawverse.sln")))
        {
            directory = directory.Parent;
        }

        var readme = File.ReadAllText(Path.Combine(directory!.FullName, "README.md"));
        foreach (var definition in RateLimitRules.All)
        {
            var window = definition.Default.Window switch
            {
                { TotalHours: >= 1 } w => $"{w.TotalHours}h",
                var w => $"{w.TotalMinutes}m",
            };
            readme.ShouldContain($"| `{definition.Name}` | `{definition.EnvironmentVariable}` | `{definition.Default.Limit}/{window}` | `{definition.Action}` |",
                customMessage: definition.Name);
        }
    }
}
