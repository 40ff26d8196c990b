package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void oneJsonObjectWithEnvoyNamesEscapedAndNulls() {
        AccessRecord r = new AccessRecord(0, "GET", "a\"b", "/p\\q\n", "HTTP/1.1", 200, "", "ns/gw", "HTTPRoute ns/r",
                "ns/svc:80", "10.0.0.1:8080", 1, 2, 3500, -1, "id", "/127.0.0.1:5");
        assertEquals("{\"start_time\":\"1970-01-01T00:00:00Z\",\"method\":\"GET\",\"authority\":\"a\\\"b\","
                + "\"path\":\"/p\\\\q\\u000a\",\"protocol\":\"HTTP/1.1\",\"response_code\":200,"
                + "\"response_flags\":null,\"gateway\":\"ns/gw\",\"route_name\":\"HTTPRoute ns/r\","
                + "\"upstream_cluster\":\"ns/svc:80\",\"upstream_host\":\"10.0.0.1:8080\",\"bytes_received\":1,"
                + "\"bytes_sent\":2,\"duration\":3,\"upstream_service_time\":null,\"x_request_id\":\"id\","
                + "\"downstream_remote_address\":\"/127.0.0.1:5\"}", AccessLog.json(r));
    }
}
