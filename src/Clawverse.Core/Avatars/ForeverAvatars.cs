using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clawverse.Core.Avatars.Wallet;
using Clawverse.Core.Errors;
using Clawverse.Core.Media;
using Clawverse.Core.Time;
using Clawverse.Storage;
using Clawverse.Storage.Records;
using Clawverse.Storage.Stores;

namespace Clawverse.Core.Avatars;

/// <summary>Makes a verified avatar forever (seeds/clawvatar.txt POST /api/avatar/make-forever): the holder of a
/// wallet signs a Sign-In with Ethereum message for this server, the signature is recovered here, and the avatar
/// becomes permanent, bound to that wallet. No chain is called: this server records the attestation itself
/// (its uid is this server's keyed hash of the metadata checksum) and numbers the token, and says so
/// (<see cref="OnChain"/> is false) instead of pretending to have minted.</summary>
public sealed class ForeverAvatars(
    AvatarGallery gallery, AvatarStore avatars, AvatarEvents events, AvatarKeys keys, MediaService media, ClawverseOptions options, Clock clock)
{
    /// <summary>How old a signed message may be.</summary>
    public static readonly TimeSpan MessageMaxAge = TimeSpan.FromMinutes(10);

    public const bool OnChain = false;

    public async Task<Result<AvatarRecord>> MakeForeverAsync(
        string? pseudonym, string? managementKey, string? walletAddress, string? signature, string? message, CancellationToken ct)
    {
        var found = await gallery.ByPseudonymAndKeyAsync(pseudonym, managementKey, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var avatar = found.Value;
        if (avatar.IsForever())
        {
            return Error.Conflict(AvatarErrors.AlreadyForever, "This avatar is already forever.");
        }

        if (avatar.IsFounder())
        {
            return AvatarErrors.Permanent(avatar);
        }

        if (!avatar.IsVerified())
        {
            return new Error(AvatarErrors.NotVerified, "Only a verified avatar can be made forever.", 403,
                "Verify it first: by phone (HUMAN) or by checksum (AI).");
        }

        var now = clock.Now();
        var proof = SiweVerifier.Verify(message ?? "", signature ?? "", walletAddress ?? "", Domain(), now, MessageMaxAge);
        if (!proof.IsSuccess)
        {
            return proof.Error;
        }

        if (BindsThisAvatar(SiweMessage.Parse(message!).Value!, avatar) is { } unbound)
        {
            return unbound;
        }

        var imageHash = await media.ReadVariantAsync(avatar.MediaId, "full", MediaRules.AvatarStoredBytes, ct) is { } image
            ? Convert.ToHexStringLower(SHA256.HashData(image))
            : null;
        for (var attempt = 1; ; attempt++)
        {
            var tokenId = await NextTokenIdAsync(ct);
            var checksum = MetadataChecksum(avatar, proof.Value.Address, imageHash, now, tokenId);
            var forever = avatar with
            {
                ForeverAt = now,
                WalletAddress = proof.Value.Address,
                SiweNonce = proof.Value.Nonce,
                MetadataChecksum = checksum,
                AttestationUid = keys.AttestationUid(checksum),
                SbtTokenId = tokenId,
                ExpiresAt = null,
                UpdatedAt = now,
            };
            try
            {
                return await avatars.UpdateAsync(forever, avatar.UpdatedAt,
                    events.For(forever, AvatarEvents.Locked, $"Avatar \"{avatar.Pseudonym}\" is now forever, bound to wallet {proof.Value.Address}."), ct)
                    ? forever
                    : Error.Conflict(AvatarErrors.AvatarChanged, "The avatar changed while it was being made forever; send it again.");
            }
            catch (Exception e) when (DbErrors.IsUniqueViolationOn(e, "avatars", "sbt_token_id") && attempt < 5)
            {
                // Another avatar took this token number at the same moment: take the next.
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                return Error.Conflict(AvatarErrors.AlreadyForever, "This signed message was already used; sign a new one.");
            }
        }
    }

    /// <summary>The SHA-256 of the avatar's canonical metadata: fixed key order, no white space, the image's own
    /// SHA-256 included, so anyone holding the metadata and the image can recompute it.</summary>
    public static string MetadataChecksum(AvatarRecord avatar, string wallet, string? imageSha256, DateTimeOffset foreverAt, long tokenId)
    {
        var canonical = JsonSerializer.Serialize(new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["createdAt"] = Timestamps.Milliseconds(avatar.CreatedAt),
            ["foreverAt"] = Timestamps.Milliseconds(foreverAt),
            ["id"] = avatar.Id.ToString("D"),
            ["imageSha256"] = imageSha256,
            ["ownerType"] = avatar.OwnerType,
            ["pseudonym"] = avatar.Pseudonym,
            ["sbtTokenId"] = tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["verificationMethod"] = avatar.VerificationMethod,
            ["walletAddress"] = wallet,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>A signature counts for one avatar only: the message names it (its pseudonym in the statement, or its
    /// share page among the resources), and its URI is on this server, so a signed message taken from one request
    /// cannot make another avatar forever.</summary>
    private Error? BindsThisAvatar(SiweMessage signed, AvatarRecord avatar)
    {
        if (!Uri.TryCreate(signed.Uri, UriKind.Absolute, out var uri) || !string.Equals(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", Domain(), StringComparison.OrdinalIgnoreCase))
        {
            return new Error(WalletErrors.SiweDomainMismatch, "The signed message's URI must be on this server.", 400);
        }

        var share = options.PublicUrl(AvatarRules.SharePath(avatar.Pseudonym));
        var named = (signed.Statement is { } statement && NamesPseudonym(statement, avatar.Pseudonym))
            || signed.Resources.Any(resource => string.Equals(resource, share, StringComparison.OrdinalIgnoreCase));
        return named
            ? null
            : new Error(AvatarErrors.SiweWrongAvatar, "The signed message must name this avatar.", 400,
                $"Put the pseudonym in the statement (\"Make {avatar.Pseudonym} forever.\") or {share} among the resources.");
    }

    // The pseudonym as a whole word, so "Bot" is not named by a statement about "Bot2".
    private static bool NamesPseudonym(string statement, string pseudonym) =>
        System.Text.RegularExpressions.Regex.IsMatch(statement,
            $"(?<![A-Za-z0-9_-]){System.Text.RegularExpressions.Regex.Escape(pseudonym)}(?![A-Za-z0-9_-])",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));

    /// <summary>The domain a SIWE message must name: this server's public host (and port, when not the default).</summary>
    public string Domain()
    {
        var url = new Uri(options.PublicBaseUrl);
        return url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
    }

    private Task<long> NextTokenIdAsync(CancellationToken ct) => avatars.NextTokenIdAsync(ct);
}
