package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.proxy.route.RouteDecision.HeaderChanges;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HeaderRulesTest {

    @Test
    void hopByHopAndConnectionNamedFieldsGo() {
        HttpHeaders h = new DefaultHttpHeaders().add("Connection", "keep-alive, X-Secret").add("X-Secret", "1")
                .add("Keep-Alive", "timeout=5").add("TE", "gzip").add("Upgrade", "h2c").add("X-Keep", "yes")
                .add("x-http2-scheme", "http").add("x-http2-stream-id", "3");
        HeaderRules.stripHopByHop(h, false);
        assertEquals(List.of("x-keep"), h.names().stream().map(String::toLowerCase).toList());
    }

    @Test
    void teTrailersStaysForGrpc() {
        HttpHeaders h = new DefaultHttpHeaders().add("TE", "trailers");
        HeaderRules.stripHopByHop(h, false);
        assertEquals("trailers", h.get("te"));
    }

    @Test
    void webSocketKeepsUpgrade() {
        HttpHeaders h = new DefaultHttpHeaders().add("Connection", "Upgrade").add("Upgrade", "websocket");
        assertTrue(HeaderRules.isWebSocketUpgrade(h));
        HeaderRules.stripHopByHop(h, true);
        assertEquals("websocket", h.get("upgrade"));
    }

    @Test
    void forwardedForAppendsAndProtoIsSet() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Forwarded-Proto", "https");
        HeaderRules.forwarded(h, "192.0.2.1", "http");
        assertEquals("192.0.2.1", h.get("x-forwarded-for"));
        assertEquals("http", h.get("x-forwarded-proto"));
        HeaderRules.forwarded(h, "192.0.2.2", "http");
        assertEquals("192.0.2.1, 192.0.2.2", h.get("x-forwarded-for"));
    }

    @Test
    void requestIdKeptOrGenerated() {
        HttpHeaders kept = new DefaultHttpHeaders().add("X-Request-Id", "given");
        assertEquals("given", HeaderRules.requestId(kept));
        HttpHeaders fresh = new DefaultHttpHeaders();
        String id = HeaderRules.requestId(fresh);
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
        assertEquals(id, fresh.get("x-request-id"));
        assertFalse(id.equals(HeaderRules.uuid()));
    }

    @Test
    void modifierSetsThenAddsThenRemoves() {
        HttpHeaders h = new DefaultHttpHeaders().add("A", "old").add("B", "1").add("C", "gone");
        HeaderRules.apply(h, new HeaderChanges(Map.of("a", "new"), Map.of("b", "2"), Set.of("c")));
        assertEquals(List.of("new"), h.getAll("a"));
        assertEquals(List.of("1", "2"), h.getAll("b"));
        assertNull(h.get("c"));
    }
}
