package edgebox.dns.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemResolversTest {

    @Test
    void nameserversOfResolvConfInOrder(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("resolv.conf"),
                "# generated\nsearch lan\nnameserver 192.0.2.53\noptions ndots:1\nnameserver ::1\n");
        List<Upstream> upstreams = SystemResolvers.read("upstreams[0]", conf);
        assertEquals(List.of(new InetSocketAddress("192.0.2.53", 53), new InetSocketAddress("::1", 53)),
                upstreams.stream().map(Upstream::address).toList());
    }

    @Test
    void aFileWithoutNameserversIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("resolv.conf"), "search lan\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SystemResolvers.read("upstreams[0]", conf));
        assertTrue(e.getMessage().startsWith("upstreams[0]: 'system': ") && e.getMessage().contains("resolv.conf"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SystemResolvers.read("upstreams[0]",
                dir.resolve("missing")));
    }
}
