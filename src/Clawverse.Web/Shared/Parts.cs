using Clawverse.Storage.Records;

namespace Clawverse.Web.Shared;

/// <summary>The post grid shared by explore, profiles, tags and search. <paramref name="InPlace"/> marks the "More"
/// link as the next page of this same list, which script may append in place (false when it leads to another list,
/// e.g. from search's overview).</summary>
public sealed record PostGridModel(IReadOnlyList<PostView> Posts, WebMedia Media, string? MoreHref, string EmptyText, bool InPlace = true);

/// <summary>One tile of the grid; <paramref name="Eager"/> for the first row, which is on screen at once.</summary>
public sealed record PostCardModel(PostView View, WebMedia Media, bool Eager);

/// <summary>The pager: a "More" link carrying the core's cursor, or nothing on the last page.</summary>
public sealed record MoreLinkModel(string? Href, string Label, bool InPlace = true);

/// <summary>Like and comment counts, with words for screen readers.</summary>
public readonly record struct PostStatsModel(long Likes, long Comments);

/// <summary>A page for what is missing or malformed, or a short notice (claim outcomes): a card with a heading
/// and a message; <paramref name="Alert"/> styles the message as a failure.</summary>
public sealed record NoticeModel(PageMeta Meta, string Heading, string? Message, bool Alert = false, bool BackToExplore = true) : IPageModel;
