package edgebox.dns.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

import edgebox.dns.answer.Outcome;

class QueryLogTest {

    @Test
    void oneJsonLinePerQueryWithEscapes() {
        Outcome r = new Outcome("x.\"q\".test.", "A", Rcode.NXDOMAIN, 0, "zone", "zone test.: no such name");
        String line = QueryLog.line(r, 77, "udp", InetAddress.getLoopbackAddress(), 12_345, 0);
        assertEquals("{\"ts\":\"1970-01-01T00:00:00Z\",\"client\":\"127.0.0.1\",\"proto\":\"udp\",\"id\":77,"
                + "\"name\":\"x.\\\"q\\\".test.\",\"type\":\"A\",\"rcode\":\"NXDOMAIN\",\"source\":\"zone\","
                + "\"reason\":\"zone test.: no such name\",\"answers\":0,\"micros\":12}", line);
    }

    @Test
    void controlCharactersInANameStayInsideTheLine() {
        Outcome r = new Outcome("a\nb\u0001.test.", "A", Rcode.NOERROR, 0, "zone", "x");
        String line = QueryLog.line(r, 5, "tcp", InetAddress.getLoopbackAddress(), 0, 0);
        assertTrue(line.contains("\"name\":\"a\\nb\\u0001.test.\""), line);
        assertEquals(-1, line.indexOf('\n'));
    }

    @Test
    void samplingZeroOrOffLogsNothing() {
        int[] n = {0};
        System.Logger counting = new System.Logger() {
            public String getName() {
                return "t";
            }

            public boolean isLoggable(Level level) {
                return true;
            }

            public void log(Level level, java.util.ResourceBundle b, String msg, Throwable t) {
                n[0]++;
            }

            public void log(Level level, java.util.ResourceBundle b, String format, Object... params) {
                n[0]++;
            }
        };
        Outcome r = new Outcome("a.", "A", Rcode.NOERROR, 0, "zone", "x");
        new QueryLog(counting, true, 0).log(r, 1, "udp", InetAddress.getLoopbackAddress(), 1);
        new QueryLog(counting, false, 1).log(r, 1, "udp", InetAddress.getLoopbackAddress(), 1);
        assertEquals(0, n[0]);
        QueryLog half = new QueryLog(counting, true, 0.5);
        for (int i = 0; i < 1000; i++) {
            half.log(r, 1, "udp", InetAddress.getLoopbackAddress(), 1);
        }
        assertTrue(n[0] > 350 && n[0] < 650, "about half logged: " + n[0]);
    }
}
