using System.Net;
using System.Text.Json;
using Amazon.S3;
using Amazon.Runtime;
using Clawverse.Core.Outside;
using Clawverse.Media.Blobs;
using Clawverse.Surfaces.Tests.Native;
using Clawverse.Surfaces.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clawverse.Surfaces.Tests.Operations;

/// <summary>/readyz: ready when the database and blob store answer, degraded (still 200) while an outside
/// service's circuit is open, unavailable (503) when the blob store does not answer.</summary>
public sealed class ReadinessTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    [Fact]
    public async Task A_fresh_server_is_ready_with_every_check_ok()
    {
        using var client = factory.CreateClient();

        var (status, body) = await ReadyzAsync(client);

        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("status").GetString().ShouldBe("ready");
        var checks = body.GetProperty("checks");
        checks.GetProperty("database").GetProperty("status").GetString().ShouldBe("ok");
        checks.GetProperty("blobs").GetProperty("status").GetString().ShouldBe("ok");
        // The tweet check's oEmbed endpoint needs no key, so its circuit is always there.
        checks.GetProperty("outside_services").GetProperty("detail").GetString().ShouldBe("all circuits closed");
        // Alone (no Redis), the node keeps its counters in memory and runs the jobs; on PostgreSQL it leads once its
        // first attempt at the advisory lock has run.
        checks.GetProperty("cluster").GetProperty("shared_state").GetString().ShouldBe("memory");
        for (var attempt = 0; !checks.GetProperty("cluster").GetProperty("leader").GetBoolean() && attempt < 50; attempt++)
        {
            await Task.Delay(100);
            checks = (await ReadyzAsync(client)).Body.GetProperty("checks");
        }

        checks.GetProperty("cluster").GetProperty("leader").GetBoolean().ShouldBeTrue();
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyzAsync(HttpClient client)
    {
        using var answer = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        answer.Headers.CacheControl!.NoStore.ShouldBeTrue();
        return (answer.StatusCode, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}

public sealed class DegradedReadinessTests(DeadSmtpFactory factory) : IClassFixture<DeadSmtpFactory>
{
    [Fact]
    public async Task An_open_smtp_circuit_degrades_but_keeps_the_node_in_service()
    {
        using var client = factory.CreateClient();
        var smtp = factory.Services.GetRequiredService<OutsideServices>().Find(OutsideServiceNames.Smtp).ShouldNotBeNull();

        (await ReadinessTests.ReadyzAsync(client)).Body.GetProperty("checks").GetProperty("outside_services")
            .GetProperty(OutsideServiceNames.Smtp).GetString().ShouldBe("closed");
        for (var attempt = 0; attempt < new CircuitSettings().FailuresToOpen; attempt++)
        {
            await Should.ThrowAsync<IOException>(() => smtp.ExecuteAsync(_ => throw new IOException("connection refused"), CancellationToken.None).AsTask());
        }

        var (status, body) = await ReadinessTests.ReadyzAsync(client);

        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("status").GetString().ShouldBe("degraded");
        var outside = body.GetProperty("checks").GetProperty("outside_services");
        outside.GetProperty("status").GetString().ShouldBe("degraded");
        outside.GetProperty(OutsideServiceNames.Smtp).GetString().ShouldBe("open");
    }
}

public sealed class UnavailableReadinessTests(UnavailableReadinessTests.DeadBlobStoreFactory factory)
    : IClassFixture<UnavailableReadinessTests.DeadBlobStoreFactory>
{
    [Fact]
    public async Task A_blob_store_that_does_not_answer_takes_the_node_out_of_service()
    {
        using var client = factory.CreateClient();

        var (status, body) = await ReadinessTests.ReadyzAsync(client);

        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("status").GetString().ShouldBe("unavailable");
        var blobs = body.GetProperty("checks").GetProperty("blobs");
        blobs.GetProperty("status").GetString().ShouldBe("unavailable");
        blobs.GetProperty("detail").GetString()!.ShouldNotContain("127.0.0.1", customMessage: "the endpoint stays in the log");
        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("ok");
    }

    /// <summary>A real S3 client aimed at a port nobody listens on, without retries.</summary>
    public sealed class DeadBlobStoreFactory : ClawverseFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var options = new S3BlobOptions($"http://127.0.0.1:{DeadSmtpFactory.FreePort()}", "media", "key", "secret");
                var client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey),
                    new AmazonS3Config { ServiceURL = options.ServiceUrl, ForcePathStyle = true, MaxErrorRetry = 0 });
                services.AddSingleton(client);
                services.Replace(ServiceDescriptor.Singleton<IBlobStore>(new S3BlobStore(options, client)));
            });
        }
    }
}

/// <summary>A node whose Redis does not answer must not take traffic, and what reaches it anyway is refused as
/// unavailable (503, with Retry-After), never as a server error.</summary>
public sealed class RedisDownTests(RedisDownTests.DeadRedisFactory factory) : IClassFixture<RedisDownTests.DeadRedisFactory>
{
    [Fact]
    public async Task Readiness_says_unavailable_and_requests_answer_503_in_the_dialect_envelope()
    {
        using var client = factory.CreateClient();

        var (status, body) = await ReadinessTests.ReadyzAsync(client);
        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var cluster = body.GetProperty("checks").GetProperty("cluster");
        cluster.GetProperty("status").GetString().ShouldBe("unavailable");
        cluster.GetProperty("shared_state").GetString().ShouldBe("redis");

        var native = await client.ApiGetAsync("/api/v1/explore");
        native.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        native.Body.GetProperty("code").GetString().ShouldBe("service_unavailable");
        native.Response.Headers.RetryAfter.ShouldNotBeNull();
        var clawNet = await client.GetAsync(new Uri("/clawnet/posts", UriKind.Relative));
        clawNet.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        JsonDocument.Parse(await clawNet.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().ShouldBe("service_unavailable");
    }

    public sealed class DeadRedisFactory : ClawverseFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["redis"] = $"127.0.0.1:{DeadSmtpFactory.FreePort()},connectTimeout=200,asyncTimeout=500,syncTimeout=500",
        };
    }
}
