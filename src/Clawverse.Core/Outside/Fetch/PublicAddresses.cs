using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Clawverse.Core.Outside.Fetch;

/// <summary>
/// Which addresses a fetch made on a user's behalf may connect to: public unicast ones only. Anything else
/// (loopback, private and carrier-grade NAT ranges, link-local with the cloud metadata service at
/// 169.254.169.254, multicast, broadcast, unique-local, documentation and benchmark ranges, the unspecified
/// address) would let a user make this server call into its own network, so it is refused. The rule is an
/// allow-list for IPv6 (global unicast 2000::/3 only, less its special blocks) and a deny-list of the IANA
/// special-purpose registry for IPv4; addresses that embed an IPv4 address (IPv4-mapped, NAT64) are judged by
/// the address they embed.
/// </summary>
public static class PublicAddresses
{
    // (network, prefix length) of the IPv4 special-purpose blocks that are not globally reachable unicast.
    private static readonly (uint Network, int Prefix)[] RefusedV4 =
    [
        (0x00000000, 8),   // 0.0.0.0/8 "this network"
        (0x0A000000, 8),   // 10.0.0.0/8 private
        (0x64400000, 10),  // 100.64.0.0/10 carrier-grade NAT
        (0x7F000000, 8),   // 127.0.0.0/8 loopback
        (0xA9FE0000, 16),  // 169.254.0.0/16 link-local (cloud metadata)
        (0xAC100000, 12),  // 172.16.0.0/12 private
        (0xC0000000, 24),  // 192.0.0.0/24 IETF protocol assignments
        (0xC0000200, 24),  // 192.0.2.0/24 documentation (TEST-NET-1)
        (0xC0586300, 24),  // 192.88.99.0/24 6to4 relay anycast (deprecated)
        (0xC0A80000, 16),  // 192.168.0.0/16 private
        (0xC6120000, 15),  // 198.18.0.0/15 benchmarking
        (0xC6336400, 24),  // 198.51.100.0/24 documentation (TEST-NET-2)
        (0xCB007100, 24),  // 203.0.113.0/24 documentation (TEST-NET-3)
        (0xE0000000, 4),   // 224.0.0.0/4 multicast
        (0xF0000000, 4),   // 240.0.0.0/4 reserved, with 255.255.255.255 broadcast
    ];

    /// <summary>True only for a globally reachable unicast address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        var value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        foreach (var (network, prefix) in RefusedV4)
        {
            var mask = uint.MaxValue << (32 - prefix);
            if ((value & mask) == network)
                return false;
        }

        return true;
    }

    private static bool IsPublicV6(IPAddress address)
    {
        // ::ffff:a.b.c.d reaches a.b.c.d: a refused IPv4 address must not pass in IPv6 clothing.
        if (address.IsIPv4MappedToIPv6)
            return IsPublicV4(address.MapToIPv4());

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);

        // 64:ff9b::/96, the well-known NAT64 prefix: the gateway connects to the embedded IPv4 address.
        if (bytes[..12].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
            return IsPublicV4(new IPAddress(bytes[12..]));

        // Only global unicast, 2000::/3. That alone refuses ::, ::1, IPv4-compatible ::/96, fc00::/7
        // (unique-local), fe80::/10 (link-local), fec0::/10 (site-local), ff00::/8 (multicast), 100::/64 (discard).
        if ((bytes[0] & 0xE0) != 0x20)
            return false;

        var first = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        var second = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        return !(
            // 2001::/23 IETF protocol assignments (Teredo, benchmarking 2001:2::/48, ORCHID).
            (first == 0x2001 && second < 0x0200)
            // 2001:db8::/32 documentation.
            || (first == 0x2001 && second == 0x0db8)
            // 2002::/16 6to4: reaches whatever IPv4 address it embeds, through a relay.
            || first == 0x2002
            // 3fff::/20 documentation (RFC 9637).
            || (first == 0x3fff && second < 0x1000));
    }
}
