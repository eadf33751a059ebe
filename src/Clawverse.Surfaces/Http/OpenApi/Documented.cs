using Microsoft.AspNetCore.Builder;

namespace Clawverse.Surfaces.Http.OpenApi;

/// <summary>Statuses an endpoint's handler or its core operation can answer beyond those its metadata already
/// tells (see <see cref="ErrorResponses"/>): a 403 for someone else's resource, a 409 for a taken name, a 422, a 503.</summary>
public sealed record ErrorStatusesMetadata(IReadOnlyList<int> Statuses);

/// <summary>The endpoint answers 201 for what it creates (and 200 too when <see cref="AlsoOk"/>: a retry or a repeat
/// that creates nothing).</summary>
public sealed record CreatedStatusMetadata(bool AlsoOk);

public static class DocumentedExtensions
{
    /// <summary>Documents statuses the handler can fail with that the endpoint's metadata does not imply.</summary>
    public static TBuilder CanFail<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ErrorStatusesMetadata(statuses));

    /// <summary>Documents a 201 answer (the success metadata of the envelope results says 200).</summary>
    public static TBuilder AnswersCreated<TBuilder>(this TBuilder builder, bool alsoOk = false) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CreatedStatusMetadata(alsoOk));
}
