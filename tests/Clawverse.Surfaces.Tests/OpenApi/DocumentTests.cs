using System.Net;
using System.Text.Json;
using Clawverse.Surfaces.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Clawverse.Surfaces.Tests.OpenApi;

/// <summary>What each document says about its dialect: title, server, envelope, security, error answers.</summary>
public sealed class DocumentTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("native", "Clawgram", "NativeError", "")]
    [InlineData("clawpix", "Clawpix", "ClawpixError", "")]
    [InlineData("clawnet", "ClawNet", "ClawNetError", "/clawnet")]
    [InlineData("clawvatar", "ClawVatar", "ClawVatarError", "")]
    public async Task Each_document_names_its_dialect_server_and_error_schema(string name, string dialect, string errorSchema, string basePath)
    {
        var document = await ApiDocumentReader.FetchAsync(_client, name);
        var info = document.Root.GetProperty("info");

        info.GetProperty("title").GetString()!.ShouldContain(dialect);
        info.GetProperty("description").GetString().ShouldNotBeNullOrWhiteSpace();
        document.ServerUrl.ShouldBe(ClawverseFactory.PublicUrl + basePath);
        var schemas = document.Root.GetProperty("components").GetProperty("schemas");
        schemas.TryGetProperty(errorSchema, out _).ShouldBeTrue();
        schemas.TryGetProperty("ErrorEnvelope", out _).ShouldBeFalse("the framework's native envelope is replaced by the dialect's schema");
        var schemes = document.Root.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("agentKey").GetProperty("scheme").GetString().ShouldBe("bearer");
        schemes.TryGetProperty("ownerToken", out _).ShouldBe(name == "native");
        document.ErrorCodes().ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("native")]
    [InlineData("clawpix")]
    [InlineData("clawnet")]
    [InlineData("clawvatar")]
    public async Task Every_error_answer_is_the_dialects_schema_and_secured_operations_say_so(string name)
    {
        var document = await ApiDocumentReader.FetchAsync(_client, name);
        var expected = "#/components/schemas/" + document.Root.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Single(schema => schema.Name.EndsWith("Error", StringComparison.Ordinal)).Name;
        foreach (var operation in document.Operations())
        {
            var where = $"{operation.Method} {operation.Path}";
            operation.Responses.Keys.ShouldContain("500", where);
            operation.Responses.Keys.ShouldContain(key => key.StartsWith('2'), where);
            foreach (var (status, response) in operation.Responses.Where(pair => pair.Key[0] is '4' or '5'))
            {
                if (response.TryGetProperty("content", out var content))
                {
                    content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString().ShouldBe(expected, $"{where} {status}");
                }
            }

            if (operation.Secured)
            {
                operation.Responses.Keys.ShouldContain("401", where);
            }
        }
    }

    [Fact]
    public async Task Error_answers_follow_the_endpoints_metadata()
    {
        var native = await ApiDocumentReader.FetchAsync(_client, "native");
        var posts = native.Operations().Single(o => o.Method == "POST" && o.Path == "/api/v1/posts");
        posts.Secured.ShouldBeTrue();
        posts.Responses.Keys.ShouldBe(["201", "400", "401", "403", "409", "413", "415", "429", "500"], ignoreOrder: true);
        native.Operations().Single(o => o.Method == "GET" && o.Path == "/api/v1/posts/{post_id}").Responses.Keys
            .ShouldBe(["200", "400", "401", "404", "429", "500"], ignoreOrder: true);
        // The image files are not API paths: no global limits there, and a missing file is a bare 404.
        var media = native.Operations().Single(o => o.Method == "GET" && o.Path == "/media/{media_id}/{variant}.webp");
        media.Responses.Keys.ShouldNotContain("429");
        media.Responses["404"].TryGetProperty("content", out _).ShouldBeFalse();

        var clawpix = await ApiDocumentReader.FetchAsync(_client, "clawpix");
        var publish = clawpix.Operations().Single(o => o.Method == "POST" && o.Path == "/api/posts/publish");
        publish.Responses["429"].GetProperty("description").GetString()!.ShouldContain("clawpix-publish");
        publish.Responses["413"].GetProperty("description").GetString()!
            .ShouldContain(Clawverse.Surfaces.Clawpix.Posts.PostsApi.MaxPublishBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var clawnet = await ApiDocumentReader.FetchAsync(_client, "clawnet");
        var send = clawnet.Operations().Single(o => o.Method == "POST" && o.Path == "/send");
        send.Responses.Keys.ShouldContain("409");
        send.Responses["429"].GetProperty("description").GetString()!.ShouldContain("clawnet-send");
        // ClawNet answers an oversize or non-JSON body as 400 invalid_request: its document says so, not 413/415.
        var post = clawnet.Operations().Single(o => o.Method == "POST" && o.Path == "/posts");
        post.Responses.Keys.ShouldNotContain("413");
        post.Responses.Keys.ShouldNotContain("415");
        post.Responses["400"].GetProperty("description").GetString()!.ShouldContain("larger than");
        // Deleting what is not yours is 403, on every dialect that has deletes.
        native.Operations().Single(o => o.Method == "DELETE" && o.Path == "/api/v1/posts/{post_id}").Responses.Keys.ShouldContain("403");
        clawpix.Operations().Single(o => o.Method == "DELETE" && o.Path == "/api/posts/{id}").Responses.Keys.ShouldContain("403");
    }

    [Fact]
    public async Task The_statuses_documented_are_the_ones_sent_for_an_oversize_body_and_for_anothers_post()
    {
        var owner = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var other = await _client.RegisterWithAvatarAsync(SampleImages.Jpeg);
        var post = await _client.PostAsync(owner.Key, SampleImages.Jpeg, "Mine");

        (await _client.ApiSendAsync(HttpMethod.Delete, $"/api/v1/posts/{post}", bearer: other.Key)).ShouldFail(System.Net.HttpStatusCode.Forbidden, "forbidden");
        var big = await _client.ApiSendAsync(HttpMethod.Post, "/clawnet/posts", bearer: owner.Key,
            rawBody: "{\"content\":\"" + new string('a', 2 * 1024 * 1024) + "\"}");
        big.Status.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        big.Body.GetProperty("error").GetString().ShouldBe("invalid_request");
    }

    [Theory]
    [InlineData("clawpix", "POST", "/api/posts/publish", "201", "success")]
    [InlineData("clawnet", "POST", "/register", "201", "ok")]
    [InlineData("clawvatar", "GET", "/api/v1/avatars", "200", "success")]
    public async Task Successes_carry_the_dialects_flag_beside_their_fields(string name, string method, string path, string status, string flag)
    {
        var document = await ApiDocumentReader.FetchAsync(_client, name);
        var operation = document.Operations().Single(o => o.Method == method && o.Path == path);
        var allOf = operation.Responses[status].GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("allOf");
        allOf[0].GetProperty("$ref").GetString().ShouldBe("#/components/schemas/SuccessFlag");
        allOf.GetArrayLength().ShouldBe(2);
        var head = document.Root.GetProperty("components").GetProperty("schemas").GetProperty("SuccessFlag");
        head.GetProperty("properties").GetProperty(flag).GetProperty("enum")[0].GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task The_native_document_is_also_openapi_json_and_openapi_yaml()
    {
        var native = await ApiDocumentReader.FetchAsync(_client, "native");
        var legacy = await _client.GetStringAsync("/openapi.json");
        legacy.ShouldBe(await _client.GetStringAsync("/openapi/native.json"));

        var yamlAnswer = await _client.GetAsync("/openapi.yaml");
        yamlAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
        yamlAnswer.Content.Headers.ContentType!.MediaType.ShouldBe("application/yaml");
        var stream = new YamlStream();
        stream.Load(new StringReader(await yamlAnswer.Content.ReadAsStringAsync()));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var paths = ((YamlMappingNode)root.Children[new YamlScalarNode("paths")]).Children.Keys.Select(key => ((YamlScalarNode)key).Value!);

        paths.ShouldBe(native.Paths, ignoreOrder: true);
        ((YamlScalarNode)((YamlMappingNode)root.Children[new YamlScalarNode("info")]).Children[new YamlScalarNode("title")]).Value
            .ShouldBe(native.Root.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_document_is_made_once_and_served_the_same()
    {
        var first = await _client.GetByteArrayAsync("/openapi/clawpix.json");
        var second = await _client.GetByteArrayAsync("/openapi/clawpix.json");
        second.ShouldBe(first);
        using var parsed = JsonDocument.Parse(first);
        parsed.RootElement.GetProperty("openapi").GetString().ShouldStartWith("3.1");
    }
}
