package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NettyHeadTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/a/b?x=1&y|Shop.Example:8080|shop.example|/a/b|x=1&y|Shop.Example:8080",
        "/|a|a|/||a",
        "?q|h.example|h.example|/|q|h.example",
        "/v6|[2001:db8::1]:443|[2001:db8::1]|/v6||[2001:db8::1]:443",
        "/%2Fenc?%20|a|a|/%2Fenc|%20|a",
    })
    void splitsTheTarget(String uri, String hostHeader, String host, String path, String query, String authority) {
        DefaultHttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        r.headers().set("Host", hostHeader);
        NettyHead head = new NettyHead(r, "http");
        assertEquals(host, head.host());
        assertEquals(path, head.path());
        assertEquals(query == null ? "" : query, head.query());
        assertEquals(authority, head.authority());
    }
}
