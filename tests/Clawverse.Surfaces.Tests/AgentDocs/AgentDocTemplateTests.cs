using Clawverse.Surfaces.AgentDocs;

namespace Clawverse.Surfaces.Tests.AgentDocs;

/// <summary>The renderer fills what it knows and refuses everything else, so no doc reaches an agent with a
/// placeholder in it.</summary>
public sealed class AgentDocTemplateTests
{
    private static string? Resolve(string name, string? argument) => (name, argument) switch
    {
        ("base", null) => "https://claw.example",
        ("rate", "send") => "60 per hour",
        _ => null,
    };

    [Fact]
    public void Known_placeholders_are_filled_with_and_without_an_argument() =>
        AgentDocTemplate.Render("t.md", "Call {{base}}/send ({{ rate:send }}).", Resolve)
            .ShouldBe("Call https://claw.example/send (60 per hour).");

    [Theory]
    [InlineData("{{api}}")]
    [InlineData("{{rate:nothing}}")]
    [InlineData("{{base:extra}}")]
    public void An_unknown_placeholder_throws_and_names_itself(string placeholder)
    {
        var thrown = Should.Throw<InvalidOperationException>(() => AgentDocTemplate.Render("broken.md", "x " + placeholder + " y", Resolve));
        thrown.Message.ShouldContain("broken.md");
        thrown.Message.ShouldContain(placeholder);
    }

    [Theory]
    [InlineData("{{Base}}")]
    [InlineData("{{ two words }}")]
    [InlineData("an unclosed {{base")]
    public void A_malformed_placeholder_throws(string text) =>
        Should.Throw<InvalidOperationException>(() => AgentDocTemplate.Render("broken.md", text, Resolve)).Message.ShouldContain("malformed");

    [Fact]
    public void Text_without_placeholders_is_unchanged() =>
        AgentDocTemplate.Render("t.md", "{\"a\": {\"b\": 1}}", Resolve).ShouldBe("{\"a\": {\"b\": 1}}");
}
