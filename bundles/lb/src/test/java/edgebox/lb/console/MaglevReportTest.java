package edgebox.lb.console;

import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import edgebox.lb.plan.Plans;
import edgebox.lb.plan.VirtualService;

/** {@code lb:maglev}'s table report: every slot counted once, shares that add up, the empty table said so. */
class MaglevReportTest {

    private static final String HTTP = "{name: http, port: 80}";

    @Test
    void slotsAddUpToTheTableAndSharesToOneHundredPercent() {
        VirtualService vs = Plans.compile(service("web", "10.0.0.1", "", HTTP)
                + slice("web-1", "web", "IPv4", "", HTTP, ready("10.1.0.1"), ready("10.1.0.2"))
                + slice("web-2", "web", "IPv4", "edgebox.io/weight: '3'", HTTP, ready("10.1.0.3")))
                .services().getFirst();
        List<String> lines = report(vs);
        assertTrue(lines.get(0).startsWith("10.0.0.1:80/TCP (shop/web): table 65537 slots, seed 0, 3 backends, "
                + "rebuilt in "), lines.get(0));
        assertEquals(List.of("BACKEND", "WEIGHT", "SLOTS", "SHARE", "VS", "FAIR"), columns(lines.get(1)));
        List<List<String>> rows = lines.subList(2, lines.size()).stream().map(MaglevReportTest::columns).toList();
        assertEquals(List.of("10.1.0.1:80", "10.1.0.2:80", "10.1.0.3:80"), rows.stream().map(r -> r.get(0)).toList());
        assertEquals(List.of("1", "1", "3"), rows.stream().map(r -> r.get(1)).toList());
        assertEquals(65537, rows.stream().mapToInt(r -> Integer.parseInt(r.get(2))).sum());
        double shares = rows.stream().mapToDouble(r -> percent(r.get(3))).sum();
        assertEquals(100.0, shares, 0.002, "shares " + rows);
        assertTrue(percent(rows.get(2).get(3)) > 55 && percent(rows.get(2).get(3)) < 65,
                "weight 3 of 5 takes about 60 %: " + rows.get(2));
        for (List<String> r : rows) {
            assertTrue(Math.abs(percent(r.get(4))) < 5, "Maglev keeps each backend within 5 % of its fair share: " + r);
        }
    }

    @Test
    void anEmptyTableIsSaidToBeEmpty() {
        VirtualService vs = Plans.compile(service("web", "10.0.0.1", "", HTTP)).services().getFirst();
        List<String> lines = report(vs);
        assertTrue(lines.get(0).contains("0 backends"), lines.get(0));
        assertEquals(List.of("  no backend takes new flows: the table is empty"), lines.subList(2, lines.size()));
    }

    private static List<String> report(VirtualService vs) {
        return MaglevReport.of(vs).lines().toList();
    }

    private static List<String> columns(String line) {
        return List.of(line.strip().split(" +"));
    }

    private static double percent(String text) {
        return Double.parseDouble(text.substring(0, text.length() - 1));
    }
}
