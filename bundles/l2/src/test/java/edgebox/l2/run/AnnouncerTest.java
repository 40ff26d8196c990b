package edgebox.l2.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.namednumber.ArpOperation;

import edgebox.l2.plan.L2Settings;

class AnnouncerTest {

    final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    final FakePort port = new FakePort();
    final AtomicReference<Map<String, Set<InetAddress>>> owned = new AtomicReference<>(Map.of());

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    static L2Settings settings(int count, L2Settings.GarpForm form, int refreshSeconds) {
        return new L2Settings(Pattern.compile("seg0"), count, 20, refreshSeconds, form, false);
    }

    Announcer announcer(L2Settings s) throws Exception {
        Announcer a = new Announcer(executor, Map.of("seg0", port), owned::get, Observer.NONE, s);
        executor.submit(() -> a.settings(s)).get();
        return a;
    }

    @Test
    void takingAVipSendsTheConfiguredRoundsInBothForms() throws Exception {
        InetAddress vip = InetAddress.getByName("10.99.0.100");
        owned.set(Map.of("seg0", Set.of(vip)));
        Announcer a = announcer(settings(3, L2Settings.GarpForm.BOTH, 0));
        long before = System.currentTimeMillis();
        executor.submit(() -> a.taken(Set.of(vip))).get();
        assertEquals(2, port.sent.size(), "the first round leaves at once");
        executor.schedule(() -> { }, 100, TimeUnit.MILLISECONDS).get();
        assertEquals(6, port.sent.size(), "3 rounds of request and reply");
        ArpPacket.ArpHeader request = port.sent.get(0).get(ArpPacket.class).getHeader();
        ArpPacket.ArpHeader reply = port.sent.get(1).get(ArpPacket.class).getHeader();
        assertEquals(ArpOperation.REQUEST, request.getOperation());
        assertEquals(ArpOperation.REPLY, reply.getOperation());
        assertEquals(vip, request.getDstProtocolAddr());
        assertTrue(a.lastMillis(vip) >= before);
    }

    @Test
    void roundsStopWhenTheVipIsLostAndTheRefreshRepeatsWhileOwned() throws Exception {
        InetAddress vip = InetAddress.getByName("fd99::100");
        owned.set(Map.of("seg0", Set.of(vip)));
        Announcer a = announcer(settings(5, L2Settings.GarpForm.REQUEST, 0));
        executor.submit(() -> a.taken(Set.of(vip))).get();
        owned.set(Map.of());
        executor.schedule(() -> { }, 150, TimeUnit.MILLISECONDS).get();
        assertEquals(1, port.sent.size(), "one unsolicited NA, then the VIP was lost");

        owned.set(Map.of("seg0", Set.of(vip)));
        announcer(settings(1, L2Settings.GarpForm.REQUEST, 1));
        executor.schedule(() -> { }, 1300, TimeUnit.MILLISECONDS).get();
        assertTrue(port.sent.size() >= 2, "the refresh announced again: " + port.sent.size());
    }
}
