package edgebox.l2.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class AdvertTest {

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void encodesTheRfcLayoutAndDecodesItBack() throws Exception {
        Advert a = new Advert(51, 200, 10, List.of(ip("10.99.0.100"), ip("10.99.0.101")));
        byte[] b = a.encode(ip("10.99.0.1"), ip("224.0.0.18"));
        assertEquals(16, b.length);
        assertEquals(0x31, b[0]);
        assertEquals(51, b[1]);
        assertEquals((byte) 200, b[2]);
        assertEquals(2, b[3]);
        assertEquals(0, b[4]);
        assertEquals(10, b[5]);
        assertEquals(a, Advert.decode(b, ip("10.99.0.1"), ip("224.0.0.18")));
    }

    @Test
    void theChecksumCoversThePseudoHeader() throws Exception {
        Advert a = new Advert(7, 100, 100, List.of(ip("fd99::100")));
        byte[] b = a.encode(ip("fe80::1"), ip("ff02::12"));
        assertEquals(a, Advert.decode(b, ip("fe80::1"), ip("ff02::12")));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> Advert.decode(b, ip("fe80::2"), ip("ff02::12")));
        assertTrue(other.getMessage().contains("checksum"), other.getMessage());
    }

    @Test
    void refusesOtherVersionsAndShortMessages() throws Exception {
        byte[] b = new Advert(1, 100, 100, List.of(ip("10.0.0.1"))).encode(ip("10.0.0.2"), ip("224.0.0.18"));
        byte[] v2 = b.clone();
        v2[0] = 0x21;
        assertThrows(IllegalArgumentException.class, () -> Advert.decode(v2, ip("10.0.0.2"), ip("224.0.0.18")));
        byte[] cut = java.util.Arrays.copyOf(b, 10);
        assertThrows(IllegalArgumentException.class, () -> Advert.decode(cut, ip("10.0.0.2"), ip("224.0.0.18")));
        byte[] flipped = b.clone();
        flipped[9] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> Advert.decode(flipped, ip("10.0.0.2"),
                ip("224.0.0.18")));
    }
}
