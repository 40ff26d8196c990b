package edgebox.l2.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.Inet4Address;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class NicTest {

    @Test
    void theSameInterfaceListedTwiceIsEqualSoItsRoutersKeepRunning() throws Exception {
        Inet4Address v4 = (Inet4Address) InetAddress.getByName("10.99.0.1");
        Nic a = new Nic("seg0", new byte[] {2, 0, 0, 0, 0, 1}, v4, null);
        Nic b = new Nic("seg0", new byte[] {2, 0, 0, 0, 0, 1}, v4, null);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Nic("seg0", new byte[] {2, 0, 0, 0, 0, 2}, v4, null), "another MAC");
    }
}
