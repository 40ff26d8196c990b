package edgebox.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ZoneComponentTest {

    @Test
    void aListWrittenAsOneStringIsSplitLikeACfgList() {
        assertEquals(List.of("www IN A 192.0.2.1", "@ IN TXT \"a,b\""),
                ZoneComponent.lines(new String[] {"www IN A 192.0.2.1, @ IN TXT \"a\\,b\""}));
        assertEquals(List.of("a IN A 1.2.3.4", "b IN TXT \"x,y\""),
                ZoneComponent.lines(new String[] {"a IN A 1.2.3.4", "b IN TXT \"x,y\""}));
    }

    @Test
    void theValidatorRefusesWhatTheComponentWouldWithTheReason() {
        DnsValidator v = new DnsValidator((String) null);
        assertEquals(List.of(), v.validate(ZoneComponent.PID, Map.of("origin", "demo.test.",
                "records", new String[] {"www IN A 127.0.0.1"})));
        var problems = v.validate(ZoneComponent.PID, Map.of("origin", "demo.test.",
                "records", new String[] {"www IN A 127.0.0.1.5"}));
        assertEquals(1, problems.size());
        assertEquals(ZoneComponent.PID, problems.get(0).object());
        assertEquals("records: <none>:1: Invalid address: 127.0.0.1.5", problems.get(0).reason());
        assertEquals(1, v.validate(Settings.PID, Map.of("port", 70000)).size());
        assertEquals(1, v.validate(Settings.PID, Map.of("recursionNetworks", new String[] {"10.0.0.0/40"})).size());
        assertEquals(List.of(), v.validate(Settings.PID, Map.of("port", 53, "gatewayDomains", "ragas.cc")));
        assertEquals(1, v.validate(RewriteComponent.PID, Map.of("domain", "x.lan", "answer", "")).size());
        assertEquals(1, v.validate(BlocklistComponent.PID, Map.of("file", "/nonexistent/list.txt")).size());
        assertEquals(1, v.validate(ForwardComponent.PID, Map.of("timeoutMillis", 1)).size());
    }
}
