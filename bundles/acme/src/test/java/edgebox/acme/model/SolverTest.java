package edgebox.acme.model;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** cert-manager's selector precedence: dnsNames, then the longest dnsZones, then matchLabels, then none. */
class SolverTest {

    static final Solver ANY = new Solver(Solver.Type.DNS01_EDGEBOX, List.of(), List.of(), Map.of());
    static final Solver ZONE = new Solver(Solver.Type.DNS01_EDGEBOX, List.of(), List.of("ragas.cc"), Map.of());
    static final Solver SUBZONE = new Solver(Solver.Type.DNS01_EDGEBOX, List.of(), List.of("lab.ragas.cc"), Map.of());
    static final Solver NAME = new Solver(Solver.Type.HTTP01, List.of("www.lab.ragas.cc"), List.of(), Map.of());
    static final Solver LABELS = new Solver(Solver.Type.DNS01_EDGEBOX, List.of(), List.of(), Map.of("tier", "edge"));
    static final List<Solver> ALL = List.of(ANY, ZONE, SUBZONE, NAME, LABELS);

    @Test
    void precedence() {
        assertSame(NAME, Solver.select(ALL, "www.lab.ragas.cc", Map.of()));
        assertSame(SUBZONE, Solver.select(ALL, "*.lab.ragas.cc", Map.of()));
        assertSame(SUBZONE, Solver.select(ALL, "lab.ragas.cc", Map.of()));
        assertSame(ZONE, Solver.select(ALL, "ragas.cc", Map.of()));
        assertSame(LABELS, Solver.select(ALL, "other.test", Map.of("tier", "edge")));
        assertSame(ANY, Solver.select(ALL, "other.test", Map.of("tier", "core")));
    }

    @Test
    void http01NeverTakesAWildcardAndSelectorsExclude() {
        assertNull(Solver.select(List.of(new Solver(Solver.Type.HTTP01, List.of(), List.of(), Map.of())),
                "*.x.test", Map.of()));
        assertNull(Solver.select(List.of(ZONE), "ragas.cc.evil.test", Map.of()));
        assertNull(Solver.select(List.of(LABELS), "x.test", Map.of()));
    }
}
