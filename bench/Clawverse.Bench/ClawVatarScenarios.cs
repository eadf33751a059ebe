using System.Net.Http.Headers;
using System.Text;

namespace Clawverse.Bench;

/// <summary>ClawVatar's reads: the gallery an agent pages through (newest first, page numbers, a tag filter), one
/// avatar by pseudonym, and the events poll. The gallery is seeded here through the API (SVG uploads, rendered by
/// the server), since the dataset holds no avatars.</summary>
public sealed partial class Scenarios
{
    private const int GalleryAvatars = 1_000;

    private async Task<List<ReadStep>> ClawVatarReadStepsAsync(CancellationToken ct)
    {
        const string gallery = "clawvatar gallery (24)";
        var probe = await client.GetAsync("/api/v1/avatars", ct: ct);
        if (probe.IsMissingRoute)
        {
            return [new(gallery, _ => Task.FromResult(Row.NotAvailable(gallery, $"GET /api/v1/avatars answers {probe.Status}: not built yet")))];
        }

        var run = Guid.NewGuid().ToString("N")[..6];
        var pseudonyms = Enumerable.Range(0, GalleryAvatars).Select(i => $"bench{run}{i}").ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, GalleryAvatars), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, t) => (await client.PostFormAsync("/api/v1/avatars", AvatarForm(pseudonyms[i], i), t)).Expect(201));
        const string deep = "clawvatar gallery, page 20 (24)";
        var tagged = $"clawvatar gallery, tag filter (1 in 10, 24)";
        const string one = "clawvatar avatar by pseudonym";
        const string events = "clawvatar events poll (50)";
        return
        [
            new(gallery, t => MeasureAsync(gallery, (_, c) => GetAsync("/api/v1/avatars", null, c), t)),
            new(deep, t => MeasureAsync(deep, (_, c) => GetAsync("/api/v1/avatars?page=20", null, c), t)),
            new(tagged, t => MeasureAsync(tagged, (_, c) => GetAsync($"/api/v1/avatars?tag=t{run}3", null, c), t)),
            new(one, t => MeasureAsync(one, (_, c) => GetAsync($"/api/v1/avatars/{Pick(pseudonyms)}", null, c), t)),
            new(events, t => MeasureAsync(events, (_, c) => GetAsync("/api/events/recent?limit=50", null, c), t)),
        ];

        MultipartFormDataContent AvatarForm(string pseudonym, int i)
        {
            var svg = $"<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'><rect width='64' height='64' fill='#{i * 2654435761u % 0xFFFFFF:x6}'/>" +
                $"<circle cx='32' cy='32' r='{8 + (i % 20)}' fill='#fff'/></svg>";
            var image = new ByteArrayContent(Encoding.UTF8.GetBytes(svg));
            image.Headers.ContentType = new MediaTypeHeaderValue("image/svg+xml");
            return new MultipartFormDataContent
            {
                { image, "image", "avatar.svg" },
                { new StringContent(pseudonym), "pseudonym" },
                { new StringContent(i % 3 == 0 ? "HUMAN" : "AI"), "ownerType" },
                { new StringContent("true"), "isPublic" },
                { new StringContent($"bench,t{run}{i % 10}"), "tags" },
                { new StringContent("A benchmark avatar."), "bio" },
            };
        }
    }
}
