package edgebox.proxy.route;

import java.util.List;

/**
 * Everything served on one bound address (a Gateway address and a listener port), compiled and immutable. A port
 * is either plain HTTP, or TLS (HTTPS terminate and TLS passthrough listeners side by side, chosen by SNI).
 */
public interface PortTable {

    List<ListenerInfo> listeners();

    /** True when the port's listeners speak TLS (HTTPS or TLS protocol). */
    boolean tls();

    /**
     * The listener a TLS ClientHello with server name {@code sni} belongs to: exact hostname, then the most specific
     * wildcard, then a listener without hostname; {@code null} when none takes it (close the connection).
     * {@code sni} is lower case, empty when the client sent none.
     */
    ListenerInfo tlsListener(String sni);

    /** For a PASSTHROUGH listener: where the TLSRoute for {@code sni} sends the connection. */
    RouteDecision passthrough(ListenerInfo listener, String sni);

    /**
     * Routes one HTTP request. On a TLS port {@code listener} is the one chosen by SNI and a Host outside its
     * hostname answers 421; on a plain port pass {@code null} and the most specific listener for the Host is used.
     */
    RouteDecision route(ListenerInfo listener, RequestHead request);
}
