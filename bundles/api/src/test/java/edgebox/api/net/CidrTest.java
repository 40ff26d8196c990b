package edgebox.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void ipv4MembershipAgreesWithTheAddressBytesAtEveryPrefix() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] net = new byte[4];
            byte[] probe = new byte[4];
            random.nextBytes(net);
            random.nextBytes(probe);
            int prefix = random.nextInt(33);
            if (random.nextBoolean()) {
                System.arraycopy(net, 0, probe, 0, prefix / 8);
            }
            Cidr c = new Cidr(java.net.InetAddress.getByAddress(net), prefix);
            java.net.InetAddress a = java.net.InetAddress.getByAddress(probe);
            long n = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(net).getInt());
            long p = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(probe).getInt());
            boolean expected = prefix == 0 || (n >>> (32 - prefix)) == (p >>> (32 - prefix));
            assertEquals(expected, c.contains(a), c + " " + a.getHostAddress());
        }
        assertFalse(Cidr.parse("10.0.0.0/8").contains(java.net.InetAddress.getByName("2001:db8::1")));
        assertFalse(Cidr.parse("::/0").contains(java.net.InetAddress.getByName("10.0.0.1")));
    }

    @Test
    void parsesBlocksAndLoneAddresses() {
        assertEquals("172.16.1.0/24", Cidr.parse("172.16.1.7/24").toString());
        assertEquals("172.16.1.7/32", Cidr.parse(" 172.16.1.7 ").toString());
        assertEquals("fd00::/8", Cidr.parse("fd12::1/8").toString());
        assertEquals("fd99::100/128", Cidr.parse("fd99:0:0:0:0:0:0:100").toString());
    }

    @Test
    void refusesNamesAndBadPrefixes() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("::/129"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.address("300.1.1.1"));
        assertEquals("\"example.org\" is not an IP address",
                assertThrows(IllegalArgumentException.class, () -> Cidr.address("example.org")).getMessage());
    }

    @Test
    void containsByFamilyAndPrefix() {
        Cidr net = Cidr.parse("172.16.1.240/28");
        assertTrue(net.contains(Cidr.address("172.16.1.255")));
        assertFalse(net.contains(Cidr.address("172.16.1.239")));
        assertFalse(net.contains(Cidr.address("::1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(Cidr.address("8.8.8.8")));
        assertTrue(Cidr.anyContains(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")),
                Cidr.address("fd00::5")));
    }

    @Test
    void firstAndLast() {
        Cidr net = Cidr.parse("172.16.1.240/28");
        assertEquals("172.16.1.240", Cidr.text(net.first()));
        assertEquals("172.16.1.255", Cidr.text(net.last()));
        assertEquals("fd00::ff", Cidr.text(Cidr.parse("fd00::/120").last()));
    }
}
