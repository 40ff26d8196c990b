package edgebox.lb.plan;

import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static edgebox.lb.plan.Plans.terminating;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import edgebox.api.objects.ObjectSnapshot;
import edgebox.lb.maglev.MaglevTable;
import edgebox.objects.testing.YamlObjects;

/** The Maglev tables in the plan: built over ACTIVE backends only, weighted, the same for the same snapshot. */
class LbPlanTablesTest {

    private static final String HTTP = "{name: http, port: 80}";
    private static final String SLICE_HTTP = "{name: http, port: 80}";

    private static final String WEB = service("web", "10.0.0.1", "", HTTP, "{name: dns, port: 53, protocol: UDP}")
            + slice("web-1", "web", "IPv4", "", SLICE_HTTP + ", {name: dns, port: 53, protocol: UDP}",
                    ready("10.1.0.1"), ready("10.1.0.2"), ready("10.1.0.3"), terminating("10.1.0.4"))
            + slice("web-2", "web", "IPv4", "edgebox.io/weight: '4'", SLICE_HTTP, ready("10.1.0.5"));

    private static VipKey key(String vip, int port, Protocol protocol) {
        return new VipKey(InetAddress.ofLiteral(vip), port, protocol);
    }

    @Test
    void tableHoldsOnlyActiveBackendsAndIndexesTheActiveList() {
        VirtualService vs = Plans.compile(WEB).service(key("10.0.0.1", 80, Protocol.TCP));
        assertNotNull(vs);
        assertEquals(List.of("10.1.0.1:80", "10.1.0.2:80", "10.1.0.3:80", "10.1.0.5:80"),
                vs.active().stream().map(LbBackend::id).toList());
        assertEquals(vs.active().stream().map(LbBackend::id).toList(),
                vs.table().backends().stream().map(b -> b.id()).toList());
        assertEquals(MaglevTable.SIZE_DEFAULT, vs.table().size());
        for (int slot = 0; slot < vs.table().size(); slot++) {
            int index = vs.table().slot(slot);
            assertTrue(index >= 0 && index < vs.active().size(), "slot " + slot + " holds " + index);
        }
        for (long hash = 0; hash < 1000; hash++) {
            LbBackend picked = vs.pick(hash * 0x9E3779B97F4A7C15L);
            assertEquals(LbBackend.State.ACTIVE, picked.state());
        }
    }

    @Test
    void moreWeightGetsMoreSlots() {
        VirtualService vs = Plans.compile(WEB).service(key("10.0.0.1", 80, Protocol.TCP));
        Map<String, Integer> slots = new TreeMap<>();
        for (int slot = 0; slot < vs.table().size(); slot++) {
            slots.merge(vs.active().get(vs.table().slot(slot)).id(), 1, Integer::sum);
        }
        int heavy = slots.get("10.1.0.5:80");
        for (String light : List.of("10.1.0.1:80", "10.1.0.2:80", "10.1.0.3:80")) {
            double ratio = (double) heavy / slots.get(light);
            assertTrue(ratio > 3.5 && ratio < 4.5, "weight 4 against 1 gave " + slots);
        }
    }

    @Test
    void emptyTableWhenNoEndpointIsReady() {
        String yaml = service("web", "10.0.0.1", "", HTTP)
                + slice("web-1", "web", "IPv4", "", SLICE_HTTP, terminating("10.1.0.4"));
        VirtualService vs = Plans.compile(yaml).service(key("10.0.0.1", 80, Protocol.TCP));
        assertEquals(MaglevTable.NO_BACKEND, vs.table().slot(0));
        assertNull(vs.pick(42));
    }

    @Test
    void sameSnapshotGivesTheSamePlanAndTables() {
        ObjectSnapshot snapshot = YamlObjects.snapshot(WEB);
        LbSettings settings = new LbSettings(MaglevTable.SIZE_SMALL, 7);
        LbPlan a = LbPlanCompiler.compile(snapshot, settings);
        LbPlan b = LbPlanCompiler.compile(snapshot, settings);
        assertEquals(Plans.lines(a), Plans.lines(b));
        assertEquals(2, a.services().size());
        for (VirtualService vs : a.services()) {
            assertEquals(MaglevTable.SIZE_SMALL, vs.table().size());
            assertArrayEquals(vs.table().slots(), b.service(vs.key()).table().slots(), vs.key().toString());
        }
    }

    @Test
    void manifestsInAnotherOrderGiveTheSameTables() {
        String reordered = slice("web-2", "web", "IPv4", "edgebox.io/weight: '4'", SLICE_HTTP, ready("10.1.0.5"))
                + slice("web-1", "web", "IPv4", "", SLICE_HTTP + ", {name: dns, port: 53, protocol: UDP}",
                        terminating("10.1.0.4"), ready("10.1.0.3"), ready("10.1.0.2"), ready("10.1.0.1"))
                + service("web", "10.0.0.1", "", HTTP, "{name: dns, port: 53, protocol: UDP}");
        LbPlan a = Plans.compile(WEB);
        LbPlan b = Plans.compile(reordered);
        for (VirtualService vs : a.services()) {
            VirtualService other = b.service(vs.key());
            assertEquals(vs.backends(), other.backends());
            assertArrayEquals(vs.table().slots(), other.table().slots(), vs.key().toString());
        }
    }

    @Test
    void anEndpointLeavingTheSnapshotMovesOnlyItsOwnSlots() {
        String fewer = WEB.replace(ready("10.1.0.2") + ", ", "");
        VipKey http = key("10.0.0.1", 80, Protocol.TCP);
        VirtualService before = Plans.compile(WEB).service(http);
        VirtualService after = Plans.compile(fewer).service(http);
        assertEquals(3, after.active().size());
        int moved = 0;
        int owned = 0;
        for (int slot = 0; slot < before.table().size(); slot++) {
            String was = before.active().get(before.table().slot(slot)).id();
            String is = after.active().get(after.table().slot(slot)).id();
            if (was.equals("10.1.0.2:80")) {
                owned++;
            } else if (!was.equals(is)) {
                moved++;
            }
        }
        assertTrue(owned > 0);
        assertTrue(moved <= before.table().size() / 100, moved + " slots of staying backends moved");
    }

    @Test
    void anotherSeedGivesAnotherTable() {
        ObjectSnapshot snapshot = YamlObjects.snapshot(WEB);
        VipKey http = key("10.0.0.1", 80, Protocol.TCP);
        int[] seed0 = LbPlanCompiler.compile(snapshot, new LbSettings(MaglevTable.SIZE_SMALL, 0)).service(http)
                .table().slots();
        int[] seed1 = LbPlanCompiler.compile(snapshot, new LbSettings(MaglevTable.SIZE_SMALL, 1)).service(http)
                .table().slots();
        assertFalse(Arrays.equals(seed0, seed1), "the seed changed nothing");
    }

    @Test
    void planCarriesTheSnapshotVersion() {
        ObjectSnapshot snapshot = YamlObjects.snapshot(WEB);
        assertEquals(snapshot.version(), LbPlanCompiler.compile(snapshot, LbSettings.DEFAULT).version());
    }

    @Test
    void settingsRefuseATableSizeNotOffered() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LbSettings(65536, 0));
        assertEquals("load balancer settings: tableSize: must be one of 16381, 65537, 131071, was 65536",
                e.getMessage());
    }
}
