package edgebox.l2.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ParsedConfigsTest {

    final AtomicInteger parsed = new AtomicInteger();
    final ParsedConfigs<Announcement> vips = new ParsedConfigs<>((pid, p) -> {
        parsed.incrementAndGet();
        return VipsAndRouters.vip(pid, p);
    });

    List<InetAddress> addresses() {
        return vips.records().stream().map(Announcement::address).toList();
    }

    @Test
    void eachConfigurationIsParsedOnceWhenItArrives() throws Exception {
        vips.update("edgebox.l2.vip~a", Map.of("address", "10.0.0.1"));
        vips.update("edgebox.l2.vip~b", Map.of("address", "10.0.0.2"));
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2")), addresses());
        }
        assertEquals(2, parsed.get());
    }

    @Test
    void aRefusedUpdateLeavesThePreviousVersionInForceAndIsReportedUntilFixed() throws Exception {
        vips.update("edgebox.l2.vip~web", Map.of("address", "10.0.0.1"));
        vips.update("edgebox.l2.vip~web", Map.of("address", "web.example"));
        assertEquals(List.of(InetAddress.getByName("10.0.0.1")), addresses());
        assertEquals(List.of("edgebox.l2.vip~web: address: \"web.example\" is not an IP address; refused, its "
                + "previous version stays in force"), vips.problems());

        vips.update("edgebox.l2.vip~web", Map.of("address", "10.0.0.3"));
        assertEquals(List.of(InetAddress.getByName("10.0.0.3")), addresses());
        assertEquals(List.of(), vips.problems());
    }

    @Test
    void aConfigurationRefusedAtOnceHasNothingInForceAndADeleteClearsBoth() {
        vips.update("edgebox.l2.vip~new", Map.of("interface", "eth0"));
        assertEquals(List.of(), addresses());
        assertEquals(List.of("edgebox.l2.vip~new: address: required: the virtual IP to announce; refused"),
                vips.problems());

        vips.update("edgebox.l2.vip~old", Map.of("address", "10.0.0.1"));
        vips.update("edgebox.l2.vip~old", Map.of("address", "10.0.0.1/40"));
        vips.delete("edgebox.l2.vip~old");
        vips.delete("edgebox.l2.vip~new");
        assertEquals(List.of(), addresses());
        assertEquals(List.of(), vips.problems());
    }
}
