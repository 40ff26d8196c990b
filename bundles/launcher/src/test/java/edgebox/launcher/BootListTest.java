package edgebox.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BootListTest {

    @Test
    void parsesIdsInOrderSkippingCommentsAndBlankLines() {
        List<BootList.Entry> entries = BootList.parse("boot.list", List.of(
                "# core",
                "org.apache.felix:org.apache.felix.scr:2.2.12",
                "",
                "io.netty:netty-transport-native-epoll:4.2.18.Final:jar:linux-x86_64 fragment",
                "  edgebox:health:0.1.0-SNAPSHOT  "));
        assertEquals(3, entries.size());
        assertEquals("org/apache/felix/org.apache.felix.scr/2.2.12/org.apache.felix.scr-2.2.12.jar", entries.get(0).path());
        assertFalse(entries.get(0).fragment());
        BootList.Entry epoll = entries.get(1);
        assertTrue(epoll.fragment());
        assertEquals("linux-x86_64", epoll.classifier());
        assertEquals("io/netty/netty-transport-native-epoll/4.2.18.Final/"
                + "netty-transport-native-epoll-4.2.18.Final-linux-x86_64.jar", epoll.path());
        assertEquals("io.netty:netty-transport-native-epoll:4.2.18.Final:jar:linux-x86_64", epoll.id());
        assertEquals("edgebox/health/0.1.0-SNAPSHOT/health-0.1.0-SNAPSHOT.jar", entries.get(2).path());
    }

    @Test
    void typeWithoutClassifierChangesTheExtension() {
        assertEquals("g/a/1/a-1.zip", BootList.parse("x", List.of("g:a:1:zip")).get(0).path());
    }

    @Test
    void badLinesNameTheFileLineAndReason() {
        assertError("boot.list:2: 'g:a': expected 3 to 5 parts", List.of("g:a:1", "g:a"));
        assertError("boot.list:1: 'g::1': part 2 is empty", List.of("g::1"));
        assertError("boot.list:1: 'g:a:1 start': expected", List.of("g:a:1 start"));
        assertError("boot.list:1: 'g:a:1:jar:c:d': expected 3 to 5 parts", List.of("g:a:1:jar:c:d"));
    }

    private static void assertError(String prefix, List<String> lines) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BootList.parse("boot.list", lines));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }
}
