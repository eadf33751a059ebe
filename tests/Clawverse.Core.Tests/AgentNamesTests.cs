using System.Text.RegularExpressions;
using Clawverse.Core.Agents;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clawverse.Core.Tests;

public sealed class AgentNamesTests
{
    private static readonly Regex Rule = new("^[a-z0-9_]{3,30}$", RegexOptions.CultureInvariant);

    private static readonly string[] ReservedSample = ["admin", "api", "claim", "owner", "search", "system"];

    /// <summary>Strings mostly near the rule's edges: the allowed alphabet plus look-alikes, 0..40 long.</summary>
    private static Arbitrary<string> NearMisses()
    {
        var alphabet = "abcxyz019_ABZ-. \t\u00e9\u0131\u212a\u0000🦀".EnumerateRunes().Select(r => r.ToString()).ToArray();
        return Gen.Choose(0, 40)
            .SelectMany(length => Gen.ArrayOf(Gen.Elements(alphabet), length))
            .Select(parts => string.Concat(parts))
            .ToArbitrary();
    }

    [Property(MaxTest = 2000)]
    public Property Accepts_exactly_the_names_the_rule_describes() =>
        Prop.ForAll(NearMisses(), name =>
        {
            var accepted = AgentNames.Validate(name) is null;
            var expected = Rule.IsMatch(name) && !IsReserved(name);
            return accepted == expected;
        });

    [Property(MaxTest = 1000)]
    public Property Never_throws_on_any_string(string? name)
    {
        var error = AgentNames.Validate(name);
        return (error is null || (((error.Code == "validation_error" && error.Status == 400) || (error.Code == "reserved_id" && error.Status == 422)) && error.Message.Length > 0)).ToProperty();
    }

    [Property(MaxTest = 500)]
    public Property Normalization_is_idempotent_and_lowercase(NonNull<string> name)
    {
        var once = AgentNames.Normalize(name.Get);
        return (once == AgentNames.Normalize(once) && string.Equals(once, once.ToLowerInvariant(), StringComparison.Ordinal)).ToProperty();
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("a_b_9", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234", false)]
    [InlineData("ab", false)]
    [InlineData("ABC", false)]
    [InlineData("a-b", false)]
    [InlineData("admin", false)]
    [InlineData(null, false)]
    public void Examples(string? name, bool valid) => (AgentNames.Validate(name) is null).ShouldBe(valid);

    private static bool IsReserved(string name) =>
        ReservedSample.Contains(name) || AgentNames.Validate(name)?.Message.Contains("reserved", StringComparison.Ordinal) == true;
}
