package dev.mache.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientNetworksTest {

    private static boolean permits(ClientNetworks n, String address) throws Exception {
        return n.permits(InetAddress.getByName(address));
    }

    @Test
    void matchesCidrBlocksOfBothFamilies() throws Exception {
        ClientNetworks n = ClientNetworks.parse("10.0.0.0/8, 192.168.1.7 fd00::/8,172.16.0.0/12");
        assertEquals("10.0.0.0/8,192.168.1.7/32,fd00:0:0:0:0:0:0:0/8,172.16.0.0/12", n.toString());
        assertTrue(permits(n, "10.255.1.2"));
        assertFalse(permits(n, "11.0.0.1"));
        assertTrue(permits(n, "192.168.1.7"));
        assertFalse(permits(n, "192.168.1.8"));
        assertTrue(permits(n, "172.31.255.255"));
        assertFalse(permits(n, "172.32.0.0"));
        assertTrue(permits(n, "fdab::1"));
        assertFalse(permits(n, "fe80::1"));
        assertFalse(permits(n, "127.0.0.1"));
        assertTrue(permits(n, "::ffff:10.1.1.1")); // an IPv4 client on an IPv6 wildcard socket
        assertFalse(n.permits(null));
    }

    @Test
    void zeroPrefixIsEveryoneOfThatFamily() throws Exception {
        ClientNetworks n = ClientNetworks.parse("0.0.0.0/0");
        assertTrue(permits(n, "8.8.8.8"));
        assertFalse(permits(n, "::1"));
        assertTrue(ClientNetworks.ANYONE.permits(InetAddress.getByName("::1")));
    }

    @Test
    void refusesWhatIsNotACidrBlock() {
        assertEquals("'example.com' is not a CIDR block (like 10.0.0.0/8 or fd00::/8)",
                assertThrows(IllegalArgumentException.class, () -> ClientNetworks.parse("example.com")).getMessage());
        assertEquals("'10.0.0.0/33': the prefix length must be 0..32",
                assertThrows(IllegalArgumentException.class, () -> ClientNetworks.parse("10.0.0.0/33")).getMessage());
        assertEquals("'10.0.0.0/x': the prefix length must be 0..32",
                assertThrows(IllegalArgumentException.class, () -> ClientNetworks.parse("10.0.0.0/x")).getMessage());
        assertEquals("empty list of client networks",
                assertThrows(IllegalArgumentException.class, () -> ClientNetworks.parse(" , ")).getMessage());
        assertEquals("'300.1.1.1' is not a CIDR block (like 10.0.0.0/8 or fd00::/8)",
                assertThrows(IllegalArgumentException.class, () -> ClientNetworks.parse("300.1.1.1")).getMessage());
    }
}
