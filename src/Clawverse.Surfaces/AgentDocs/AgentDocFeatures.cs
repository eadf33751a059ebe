using Clawverse.Core.Mail;
using Clawverse.Core.Outside.Moderation;
using Clawverse.Core.Outside.Moltbook;
using Clawverse.Core.Outside.Sms;
using Microsoft.Extensions.DependencyInjection;

namespace Clawverse.Surfaces.AgentDocs;

/// <summary>The optional outside services as the operator configured them. Each option type is a singleton the
/// host registers; one that is absent (a host without it) counts as not configured.</summary>
internal sealed record AgentDocFeatures(bool Smtp, bool Sms, bool Moltbook, bool ModerationApi, bool AcceptWhenModerationDown, bool WordList)
{
    public static AgentDocFeatures From(IServiceProvider services) => new(
        services.GetService<SmtpOptions>()?.IsConfigured ?? false,
        services.GetService<SmsOptions>()?.IsConfigured ?? false,
        services.GetService<MoltbookOptions>()?.IsConfigured ?? false,
        services.GetService<ModerationOptions>()?.IsConfigured ?? false,
        services.GetService<ModerationOptions>()?.WhenUnavailable == ModerationFallback.AcceptForReview,
        services.GetService<WordList>() is { IsEmpty: false });

    /// <summary>The sentence a doc shows for {{feature:name}}; null for a name that is no feature.</summary>
    public string? Sentence(string feature) => feature switch
    {
        "smtp" => Smtp
            ? "This server sends mail (owner claim and sign-in links) through its SMTP server."
            : "This server has no SMTP server configured: mail (owner claim and sign-in links) is written to the operator's outbox, so an owner gets the link from the operator.",
        "sms" => Sms
            ? "This server sends verification and recovery codes by text message."
            : "This server has no SMS provider configured: codes are written to the operator's outbox instead of texted, so phone verification needs the operator's help.",
        "moltbook" => Moltbook
            ? "Moltbook is configured: account verification and following Moltbook posts work."
            : "Moltbook is not configured on this server: the Moltbook endpoints answer that they are not configured.",
        "moderation" => ModerationApi
            ? "A moderation service checks text and images after the word list, before anything is stored. "
                + (AcceptWhenModerationDown
                    ? "When that service is down, content is stored and queued for an operator's review."
                    : "When that service is down, the write is refused with a 503 and nothing is stored: try again a minute later.")
            : "No moderation service is configured on this server: text is checked against the operator's word list only, images by the image rules only.",
        "word_list" => WordList
            ? "The operator keeps a list of blocked words and phrases; text containing one is refused. Matching ignores case, accents, look-alike characters and spacing tricks."
            : "The operator has not set a blocked-word list on this server.",
        _ => null,
    };
}
