package dev.mache.vfs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The client networks a server answers: a list of CIDR blocks ({@code 10.0.0.0/8}, {@code 192.168.1.7},
 * {@code fd00::/8}), or everyone. The NFS and WebDAV servers use it to refuse calls from other addresses when
 * they listen beyond loopback. An IPv4 client reaching an IPv6 wildcard socket arrives as an IPv4-mapped address,
 * which is matched as the IPv4 address it carries.
 */
public final class ClientNetworks {

    /** Everyone: the servers' behaviour when no allow-list is given (fine on 127.0.0.1). */
    public static final ClientNetworks ANYONE = new ClientNetworks(null);

    /** One CIDR block. */
    public record Network(byte[] address, int prefix) {
        public Network {
            Objects.requireNonNull(address, "address");
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("prefix /" + prefix + " out of range");
            }
            address = address.clone();
        }

        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (address[full] & mask);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(address).getHostAddress() + "/" + prefix;
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Network n && n.prefix == prefix && java.util.Arrays.equals(n.address, address);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(address) + prefix;
        }
    }

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]+");

    private final List<Network> networks; // null: anyone

    private ClientNetworks(List<Network> networks) {
        this.networks = networks == null ? null : List.copyOf(networks);
    }

    public static ClientNetworks of(List<Network> networks) {
        return new ClientNetworks(networks);
    }

    /**
     * Parses a list of CIDR blocks separated by commas or whitespace; an address without {@code /N} is one host.
     * Only address literals: a host name is refused, so the list means the same thing whatever DNS says.
     *
     * @throws IllegalArgumentException naming the entry that is not a CIDR block
     */
    public static ClientNetworks parse(String list) {
        List<Network> parsed = new ArrayList<>();
        for (String entry : list.trim().split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                parsed.add(network(entry));
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("empty list of client networks");
        }
        return new ClientNetworks(parsed);
    }

    static Network network(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        boolean v6 = host.contains(":");
        if (!(v6 ? V6.matcher(host).matches() : V4.matcher(host).matches())) {
            throw new IllegalArgumentException("'" + entry + "' is not a CIDR block (like 10.0.0.0/8 or fd00::/8)");
        }
        byte[] address;
        try {
            address = InetAddress.ofLiteral(host).getAddress(); // a literal only: never a DNS lookup
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + entry + "' is not a CIDR block (like 10.0.0.0/8 or fd00::/8)");
        }
        int prefix = address.length * 8;
        if (slash >= 0) {
            String bits = entry.substring(slash + 1);
            if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > address.length * 8) {
                throw new IllegalArgumentException("'" + entry + "': the prefix length must be 0.."
                        + address.length * 8);
            }
            prefix = Integer.parseInt(bits);
        }
        return new Network(address, prefix);
    }

    /** Whether everyone is let in (no allow-list). */
    public boolean anyone() {
        return networks == null;
    }

    public List<Network> networks() {
        return networks == null ? List.of() : networks;
    }

    /** Whether a client at {@code address} may be served. */
    public boolean permits(InetAddress address) {
        if (networks == null) {
            return true;
        }
        if (address == null) {
            return false;
        }
        byte[] bytes = unmapped(address.getAddress());
        for (Network n : networks) {
            if (n.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ::ffff:a.b.c.d} as the four bytes of {@code a.b.c.d}. */
    private static byte[] unmapped(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if ((bytes[10] & 0xff) != 0xff || (bytes[11] & 0xff) != 0xff) {
            return bytes;
        }
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }

    @Override
    public String toString() {
        return networks == null ? "anyone"
                : networks.stream().map(Network::toString).collect(Collectors.joining(","));
    }
}
