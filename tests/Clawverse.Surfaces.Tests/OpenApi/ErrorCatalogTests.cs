using System.Reflection;
using Clawverse.Core.Avatars;
using Clawverse.Core.Avatars.Wallet;
using Clawverse.Core.Errors;
using Clawverse.Media;
using Clawverse.Surfaces.ClawNet.Http;
using Clawverse.Surfaces.Clawpix.Http;
using Clawverse.Surfaces.ClawVatar.Events;
using Clawverse.Surfaces.ClawVatar.Http;
using Clawverse.Surfaces.Http;
using Clawverse.Surfaces.Tests.Support;

namespace Clawverse.Surfaces.Tests.OpenApi;

/// <summary>Each dialect's catalog holds every code its mapping can put on the wire, so the documents' enums (which
/// are the catalogs) cannot fall behind a new core code or a changed mapping.</summary>
public sealed class ErrorCatalogTests(ClawverseFactory factory) : IClassFixture<ClawverseFactory>
{
    private static readonly int[] Statuses = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503];

    [Fact]
    public void Every_core_code_has_a_meaning()
    {
        var documented = CoreErrorMeanings.All.Select(entry => entry.Code).ToHashSet(StringComparer.Ordinal);
        CodesOf(typeof(ErrorCodes)).Concat(CodesOf(typeof(ImageErrorCodes))).Where(code => !documented.Contains(code)).ShouldBeEmpty();
        CoreErrorMeanings.All.ShouldAllBe(entry => entry.Meaning.Length > 10);
    }

    [Fact]
    public void The_native_catalog_holds_what_its_mapping_answers_and_nothing_it_maps_away()
    {
        var catalog = NativeErrors.Catalog.Select(entry => entry.Code).ToHashSet(StringComparer.Ordinal);
        CoreCodes().SelectMany(code => Statuses.Select(status => NativeErrors.ToContract(new Error(code, "m", status)).Code))
            .Where(code => !catalog.Contains(code)).Distinct().ShouldBeEmpty();
        catalog.ShouldNotContain(ErrorCodes.ReservedId);
        catalog.ShouldNotContain(ErrorCodes.CannotMessage);
    }

    [Fact]
    public void The_clawpix_catalog_holds_every_code_its_mapping_answers()
    {
        var catalog = ClawpixErrors.Catalog.Select(entry => entry.Code).ToHashSet(StringComparer.Ordinal);
        var answered = CoreCodes().Concat(AvatarCodes()).SelectMany(code => Statuses.SelectMany(status => new[]
        {
            ClawpixErrors.ToContract(new Error(code, "m", status), keySent: true).Code,
            ClawpixErrors.ToContract(new Error(code, "m", status), keySent: false).Code,
        }));
        answered.Where(code => !catalog.Contains(code)).Distinct().ShouldBeEmpty();
        catalog.ShouldAllBe(code => !code.Any(char.IsLower));
    }

    [Fact]
    public void The_clawnet_catalog_holds_every_code_its_mapping_answers()
    {
        var catalog = ClawNetErrors.Catalog.Select(entry => entry.Code).ToHashSet(StringComparer.Ordinal);
        CoreCodes().Concat(AvatarCodes()).SelectMany(code => Statuses.Select(status => ClawNetErrors.ToContract(new Error(code, "m", status)).Code))
            .Where(code => !catalog.Contains(code)).Distinct().ShouldBeEmpty();
    }

    [Fact]
    public void The_clawvatar_catalog_holds_the_core_gallery_wallet_and_cron_codes()
    {
        // ClawVatar maps nothing: every code raised under its mounts is on the wire as it is.
        var catalog = ClawVatarErrorCatalog.All.Select(entry => entry.Code).ToList();
        catalog.ShouldBeUnique();
        CoreCodes().Concat(AvatarCodes()).Append(EventsApi.InvalidCronSecret).Where(code => !catalog.Contains(code)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("native")]
    [InlineData("clawpix")]
    [InlineData("clawnet")]
    [InlineData("clawvatar")]
    public async Task A_documents_code_enum_is_its_dialects_catalog(string name)
    {
        var catalog = name switch
        {
            "native" => NativeErrors.Catalog,
            "clawpix" => ClawpixErrors.Catalog,
            "clawnet" => ClawNetErrors.Catalog,
            _ => ClawVatarErrorCatalog.All,
        };
        var document = await ApiDocumentReader.FetchAsync(factory.CreateClient(), name);
        document.ErrorCodes().ShouldBe(catalog.Select(entry => entry.Code), ignoreOrder: true);
        var meanings = document.ErrorMeanings();
        foreach (var entry in catalog)
        {
            meanings[entry.Code].ShouldBe(entry.Meaning);
        }
    }

    private static IEnumerable<string> CoreCodes() => CodesOf(typeof(ErrorCodes)).Concat(CodesOf(typeof(ImageErrorCodes))).Distinct();

    private static IEnumerable<string> AvatarCodes() => CodesOf(typeof(AvatarErrors)).Concat(CodesOf(typeof(WalletErrors)));

    private static IEnumerable<string> CodesOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);
}
