package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {

    @Test
    void oneJsonObjectWithEnvoyNamesEscapedAndNulls() {
        AccessRecord r = new AccessRecord(0, "GET", "a\"b", "/p\\q\n", "HTTP/1.1", 200, "", "ns/gw", "HTTPRoute ns/r",
                "ns/svc:80", "10.0.0.1:8080", 1, 2, 3500, -1, "id", "/127.0.0.1:5");
        assertEquals("{\"start_time\":\"1970-01-01T00:00:00Z\",\"method\":\"GET\",\"authority\":\"a\\\"b\","
                + "\"path\":\"/p\\\\q\\n\",\"protocol\":\"HTTP/1.1\",\"response_code\":200,"
                + "\"response_flags\":null,\"gateway\":\"ns/gw\",\"route_name\":\"HTTPRoute ns/r\","
                + "\"upstream_cluster\":\"ns/svc:80\",\"upstream_host\":\"10.0.0.1:8080\",\"bytes_received\":1,"
                + "\"bytes_sent\":2,\"duration\":3,\"upstream_service_time\":null,\"x_request_id\":\"id\","
                + "\"downstream_remote_address\":\"/127.0.0.1:5\"}", AccessLog.json(r));
    }

    @Test
    void linesGoToTheFileWhichIsRotatedAtItsLimit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log/access.log");
        List<AccessRecord> records = java.util.stream.IntStream.range(0, 5).mapToObj(i -> new AccessRecord(0, "GET",
                "h", "/" + i, "HTTP/1.1", 200, "", "ns/gw", "r", "c", "u", 0, 0, 0, -1, "id" + i, "/127.0.0.1:5"))
                .toList();
        long line = AccessLog.json(records.get(0)).length() + 1;
        AccessLog log = new AccessLog(true, file, 3 * line);
        records.forEach(log::write);
        log.close();
        List<String> rotated = Files.readAllLines(dir.resolve("log/access.log.1"));
        List<String> current = Files.readAllLines(file);
        assertEquals(3, rotated.size(), "the first three lines fill the file up to its limit: " + rotated);
        assertTrue(rotated.get(0).contains("\"x_request_id\":\"id0\""), rotated.toString());
        assertEquals(2, current.size(), "the rest start the new file: " + current);
        assertEquals(0, log.dropped());
    }
}
