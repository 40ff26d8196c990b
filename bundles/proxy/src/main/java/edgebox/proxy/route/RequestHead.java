package edgebox.proxy.route;

import java.util.List;

/**
 * What routing may look at in a request, whatever the HTTP version. The data path adapts its netty request or
 * HTTP/2 headers to this without copying.
 */
public interface RequestHead {

    /** {@code http} or {@code https}: the scheme the client used to reach the listener. */
    String scheme();

    String method();

    /** Host (HTTP/1.1) or :authority (HTTP/2) without the port, lower case. */
    String host();

    /** The path as sent, without the query, percent-encoding untouched; routing normalises it (RequestPath). */
    String path();

    /** The raw query string without {@code ?}; empty when there is none. */
    String query();

    /** Every value of a header; {@code name} is matched without regard to case. Empty when absent. */
    List<String> headers(String name);
}
