package edgebox.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TransportSelectorTest {

    private static TransportSelector withUnavailable(Map<TransportKind, String> reasons) {
        return new TransportSelector(kind -> Optional.ofNullable(reasons.get(kind)));
    }

    @Test
    void autoPicksIoUringWhenAvailable() {
        TransportSelector.Selection s = withUnavailable(Map.of()).select(null);
        assertEquals(TransportKind.IO_URING, s.kind());
        assertEquals(List.of(), s.passedOver());
        assertEquals("io_uring", s.describe());
    }

    @Test
    void autoFallsBackToEpollAndSaysWhy() {
        TransportSelector.Selection s = withUnavailable(Map.of(TransportKind.IO_URING, "kernel too old")).select(null);
        assertEquals(TransportKind.EPOLL, s.kind());
        assertEquals(List.of("io_uring unavailable: kernel too old"), s.passedOver());
        assertEquals("epoll (io_uring unavailable: kernel too old)", s.describe());
    }

    @Test
    void autoFallsBackToNioWhenNeitherNativeTransportWorks() {
        TransportSelector.Selection s = withUnavailable(Map.of(TransportKind.IO_URING, "a", TransportKind.EPOLL, "b"))
                .select(null);
        assertEquals(TransportKind.NIO, s.kind());
        assertEquals(List.of("io_uring unavailable: a", "epoll unavailable: b"), s.passedOver());
    }

    @Test
    void forcedTransportSkipsBetterOnes() {
        TransportSelector.Selection s = withUnavailable(Map.of()).select(TransportKind.EPOLL);
        assertEquals(TransportKind.EPOLL, s.kind());
        assertEquals(List.of(), s.passedOver());
        assertEquals(TransportKind.NIO, withUnavailable(Map.of()).select(TransportKind.NIO).kind());
    }

    @Test
    void forcedButUnavailableFallsBackAndSaysItWasRequested() {
        TransportSelector.Selection s = withUnavailable(Map.of(TransportKind.IO_URING, "seccomp")).select(TransportKind.IO_URING);
        assertEquals(TransportKind.EPOLL, s.kind());
        assertEquals(List.of("io_uring requested but unavailable: seccomp"), s.passedOver());
    }

    @Test
    void nioIsNeverProbed() {
        TransportSelector selector = new TransportSelector(kind -> {
            if (kind == TransportKind.NIO) {
                throw new AssertionError("NIO probed");
            }
            return Optional.of("no");
        });
        assertEquals(TransportKind.NIO, selector.select(null).kind());
    }

    @Test
    void parseAcceptsTheDocumentedValues() {
        assertNull(TransportKind.parse("auto"));
        assertNull(TransportKind.parse(""));
        assertNull(TransportKind.parse(null));
        assertEquals(TransportKind.IO_URING, TransportKind.parse("io_uring"));
        assertEquals(TransportKind.IO_URING, TransportKind.parse(" IO_URING "));
        assertEquals(TransportKind.EPOLL, TransportKind.parse("epoll"));
        assertEquals(TransportKind.NIO, TransportKind.parse("NIO"));
    }

    @Test
    void parseRefusesOthersNamingPidAndField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransportKind.parse("kqueue"));
        assertTrue(e.getMessage().startsWith("edgebox.net: transport: \"kqueue\""), e.getMessage());
    }
}
