package edgebox.dns.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class UpstreamTableTest {

    private static final UpstreamTable TABLE = new UpstreamTable(List.of(Upstream.parse("d", "9.9.9.9")), Map.of(
            Name.fromConstantString("ragas.cc."), List.of(Upstream.parse("d", "172.16.1.60")),
            Name.fromConstantString("int.ragas.cc."), List.of(Upstream.parse("d", "10.0.0.1")),
            Name.fromConstantString("lan."), List.of(Upstream.parse("d", "10.0.0.2"))));

    @ParameterizedTest
    @CsvSource({
        "ragas.cc.,             172.16.1.60:53",
        "www.RAGAS.cc.,         172.16.1.60:53",
        "a.b.int.ragas.cc.,     10.0.0.1:53",
        "int.ragas.cc.,         10.0.0.1:53",
        "xragas.cc.,            9.9.9.9:53",
        "printer.lan.,          10.0.0.2:53",
        "example.com.,          9.9.9.9:53",
        ".,                     9.9.9.9:53"})
    void longestSuffixWins(String name, String upstream) {
        assertEquals(upstream, TABLE.select(Name.fromConstantString(name)).get(0).toString());
    }
}
