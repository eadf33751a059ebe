using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.OpenApi;

public sealed class OtherPublicUrlFactory : ClawverseFactory
{
    public const string Url = "https://claws.example.org";

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["clawnet-path"] = "/net/v2",
        ["public-url"] = Url,
    };
}

/// <summary>The documents follow the settings: the public URL is every server, and ClawNet's moves with its path base.</summary>
public sealed class PathBaseDocumentTests(OtherPublicUrlFactory factory) : IClassFixture<OtherPublicUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ClawNet_is_documented_under_the_configured_path_base_and_public_url()
    {
        var clawnet = await ApiDocumentReader.FetchAsync(_client, "clawnet");
        clawnet.ServerUrl.ShouldBe(OtherPublicUrlFactory.Url + "/net/v2");
        clawnet.Paths.ShouldContain("/register");
        clawnet.Paths.ShouldAllBe(path => !path.StartsWith("/net/v2", StringComparison.Ordinal) && !path.StartsWith("/clawnet", StringComparison.Ordinal));

        // The listed path under the server's base is the route that answers (ClawNet's envelope, not a missing route).
        var answer = await _client.ApiPostAsync(clawnet.BasePath + "/register", new { });
        answer.Body.GetProperty("ok").GetBoolean().ShouldBeFalse();
        answer.Body.GetProperty("error").GetString().ShouldBe("invalid_request");
    }

    [Theory]
    [InlineData("native")]
    [InlineData("clawpix")]
    [InlineData("clawvatar")]
    public async Task The_other_documents_name_the_public_url(string name) =>
        (await ApiDocumentReader.FetchAsync(_client, name)).ServerUrl.ShouldBe(OtherPublicUrlFactory.Url);
}
