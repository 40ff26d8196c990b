package edgebox.health.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import edgebox.api.health.Health;
import edgebox.api.metrics.Counter;
import edgebox.api.metrics.Gauge;
import edgebox.api.metrics.Histogram;
import edgebox.health.readiness.BundleStatus;
import edgebox.health.readiness.ComponentStatus;
import edgebox.health.readiness.FunctionStatus;
import edgebox.health.readiness.Readiness;
import edgebox.health.readiness.ReadinessInputs;
import edgebox.health.readiness.ReadinessReport;
import org.junit.jupiter.api.Test;

class MetricsStoreTest {

    private final MetricsStore store = new MetricsStore();

    private PromText scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.writeText(out);
        return PromText.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void counterGaugeAndHistogramWithLabelsParse() throws IOException {
        BundleMetrics dns = store.view("edgebox.dns [9]");
        Counter replies = dns.counter("edgebox_dns_replies_total", "Replies by rcode", "rcode");
        Counter noerror = replies.labels("NOERROR");
        noerror.inc();
        noerror.inc(2);
        replies.labels("NXDOMAIN").inc();
        Gauge size = dns.gauge("edgebox_dns_cache_entries", "Cache entries", "cache");
        size.labels("answers").set(42);
        Gauge up = size.labels("negative");
        up.inc();
        up.inc();
        up.dec();
        Histogram latency = dns.histogram("edgebox_dns_latency_seconds", "Answer latency",
                new double[] {0.001, 0.01, 0.1}, "transport");
        Histogram udp = latency.labels("udp");
        udp.observe(0.0005);
        udp.observe(0.05);
        dns.gauge("edgebox_dns_zone_version", "Zone snapshot version", () -> 7);

        PromText text = scrape();
        assertEquals("counter", text.types.get("edgebox_dns_replies_total"));
        assertEquals(3.0, text.value("edgebox_dns_replies_total{rcode=\"NOERROR\"}"));
        assertEquals(1.0, text.value("edgebox_dns_replies_total{rcode=\"NXDOMAIN\"}"));
        assertEquals("gauge", text.types.get("edgebox_dns_cache_entries"));
        assertEquals(42.0, text.value("edgebox_dns_cache_entries{cache=\"answers\"}"));
        assertEquals(1.0, text.value("edgebox_dns_cache_entries{cache=\"negative\"}"));
        assertEquals("histogram", text.types.get("edgebox_dns_latency_seconds"));
        assertEquals(1.0, text.value("edgebox_dns_latency_seconds_bucket{transport=\"udp\",le=\"0.001\"}"));
        assertEquals(1.0, text.value("edgebox_dns_latency_seconds_bucket{transport=\"udp\",le=\"0.01\"}"));
        assertEquals(2.0, text.value("edgebox_dns_latency_seconds_bucket{transport=\"udp\",le=\"0.1\"}"));
        assertEquals(2.0, text.value("edgebox_dns_latency_seconds_bucket{transport=\"udp\",le=\"+Inf\"}"));
        assertEquals(2.0, text.value("edgebox_dns_latency_seconds_count{transport=\"udp\"}"));
        assertEquals(0.0505, text.value("edgebox_dns_latency_seconds_sum{transport=\"udp\"}"), 1e-9);
        assertEquals(7.0, text.value("edgebox_dns_zone_version"));
    }

    @Test
    void metricWithoutLabelsIsUsedDirectly() throws IOException {
        Counter c = store.view("a [1]").counter("edgebox_a_events_total", "Events");
        c.inc();
        assertEquals(1.0, scrape().value("edgebox_a_events_total"));
    }

    @Test
    void sameDeclarationTwiceReturnsTheFirst() {
        BundleMetrics a = store.view("a [1]");
        Counter first = a.counter("edgebox_a_total", "A", "x");
        assertSame(first, a.counter("edgebox_a_total", "A", "x"));
    }

    @Test
    void otherLabelsOrKindFromTheSameOwnerAreRefused() {
        BundleMetrics a = store.view("a [1]");
        a.counter("edgebox_a_total", "A", "x");
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> a.counter("edgebox_a_total", "A", "y"));
        assertTrue(labels.getMessage().contains("[x]") && labels.getMessage().contains("[y]"), labels.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.gauge("edgebox_a_total", "A", "x"));
    }

    @Test
    void nameOwnedByAnotherBundleIsRefusedNamingTheOwner() {
        store.view("edgebox.dns [9]").gauge("edgebox_shared", "S");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.view("edgebox.proxy [10]").gauge("edgebox_shared", "S"));
        assertEquals("metric edgebox_shared: already declared by edgebox.dns [9]", e.getMessage());
        store.view("edgebox.dns [9]").counter("edgebox_hits", "H");
        assertThrows(IllegalArgumentException.class,
                () -> store.view("edgebox.proxy [10]").counter("edgebox_hits_total", "H"),
                "the _total suffix does not make a counter another name");
    }

    @Test
    void releaseRemovesOnlyThatOwnersMetricsAndFreesTheNames() throws IOException {
        store.view("edgebox.dns [9]").counter("edgebox_dns_q_total", "Q").inc();
        store.view("edgebox.dns [9]").gauge("edgebox_dns_cb", "C", () -> 1);
        store.view("edgebox.proxy [10]").counter("edgebox_proxy_r_total", "R").inc();
        store.release("edgebox.dns [9]");
        PromText text = scrape();
        assertFalse(text.samples.containsKey("edgebox_dns_q_total"));
        assertFalse(text.samples.containsKey("edgebox_dns_cb"));
        assertEquals(1.0, text.value("edgebox_proxy_r_total"));
        assertEquals(List.of(), store.names("edgebox.dns [9]"));
        store.view("edgebox.proxy [10]").counter("edgebox_dns_q_total", "Q now the proxy's");
    }

    @Test
    void labelMisuseIsExplained() {
        Counter c = store.view("a [1]").counter("edgebox_l_total", "L", "x", "y");
        IllegalStateException noLabels = assertThrows(IllegalStateException.class, c::inc);
        assertTrue(noLabels.getMessage().contains("edgebox_l_total"), noLabels.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> c.labels("only-one"));
        assertTrue(count.getMessage().contains("2 label values expected"), count.getMessage());
        Counter child = c.labels("1", "2");
        assertThrows(IllegalStateException.class, () -> child.labels("1", "2"));
    }

    @Test
    void runtimeMetricsFollowTheLatestReport() throws IOException {
        AtomicReference<ReadinessReport> report = new AtomicReference<>();
        store.register("edgebox.health (runtime)", new RuntimeMetrics(report::get, () -> 12_500));
        report.set(new Readiness(List.of()).evaluate(new ReadinessInputs(true,
                List.of(new BundleStatus(0, "fw", "7", BundleStatus.State.ACTIVE, false, List.of(), null),
                        new BundleStatus(3, "x", "1", BundleStatus.State.INSTALLED, false, List.of("missing y"), null)),
                List.of(new ComponentStatus("c", "x", 1, ComponentStatus.State.ACTIVE, null)),
                java.util.Set.of(),
                List.of(new FunctionStatus("config", "edgebox.config", Health.up("")),
                        new FunctionStatus("dns", "edgebox.dns", Health.down("", null))))));
        PromText text = scrape();
        assertEquals(1.0, text.value("edgebox_bundles{state=\"active\"}"));
        assertEquals(1.0, text.value("edgebox_bundles{state=\"installed\"}"));
        assertEquals(0.0, text.value("edgebox_bundles{state=\"resolved\"}"));
        assertEquals(1.0, text.value("edgebox_components{state=\"active\"}"));
        assertEquals(1.0, text.value("edgebox_function_up{function=\"config\"}"));
        assertEquals(0.0, text.value("edgebox_function_up{function=\"dns\"}"));
        assertEquals(0.0, text.value("edgebox_ready"));
        assertEquals(12.5, text.value("edgebox_uptime_seconds"));
        assertTrue(text.value("edgebox_jvm_heap_used_bytes") > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.view("evil [5]").gauge("edgebox_ready", "R"));
        assertEquals("metric edgebox_ready: already declared by edgebox.health (runtime)", e.getMessage());
    }
}
