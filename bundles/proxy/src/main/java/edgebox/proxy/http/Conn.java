package edgebox.proxy.http;

import java.net.InetSocketAddress;

import edgebox.proxy.route.AddressNumber;
import edgebox.proxy.route.ListenerInfo;

/**
 * What an exchange knows of its downstream connection: the bound address whose port table routes it, the listener
 * chosen by SNI (null on a plain port), the scheme, the TLS server name, the protocol label for logs and the client.
 * One per connection (an HTTP/2 connection's streams share it), used on the connection's event loop only: it also
 * keeps what every request of the connection would otherwise compute again (the client's address as text and as a
 * number for the policy decision point, the metrics of the last route served).
 */
final class Conn {

    private final InetSocketAddress bound;
    private final ListenerInfo listener;
    private final String scheme;
    private final String sni;
    private final String protocol;
    private final InetSocketAddress client;
    private final String gateway;
    private String clientIp;
    private AddressNumber clientNumber;
    private ProxyMetrics.Children lastMetrics;
    private BatchFlush batchFlush;

    Conn(InetSocketAddress bound, ListenerInfo listener, String scheme, String sni, String protocol,
            InetSocketAddress client, String gateway) {
        this.bound = bound;
        this.listener = listener;
        this.scheme = scheme;
        this.sni = sni;
        this.protocol = protocol;
        this.client = client;
        this.gateway = gateway;
    }

    InetSocketAddress bound() {
        return bound;
    }

    ListenerInfo listener() {
        return listener;
    }

    String scheme() {
        return scheme;
    }

    String sni() {
        return sni;
    }

    String protocol() {
        return protocol;
    }

    InetSocketAddress client() {
        return client;
    }

    String gateway() {
        return gateway;
    }

    boolean tls() {
        return "https".equals(scheme);
    }

    /** The client's IP address as text ("" when unknown), computed once. */
    String clientIp() {
        String ip = clientIp;
        if (ip == null) {
            ip = client == null ? "" : client.getAddress().getHostAddress();
            clientIp = ip;
        }
        return ip;
    }

    /** The client's address as a number (null when unknown), computed once. */
    AddressNumber clientNumber() {
        AddressNumber n = clientNumber;
        if (n == null && client != null) {
            n = AddressNumber.of(client.getAddress());
            clientNumber = n;
        }
        return n;
    }

    /** The metrics of the route and backend the connection served last (keep-alive requests repeat them). */
    ProxyMetrics.Children lastMetrics() {
        return lastMetrics;
    }

    void lastMetrics(ProxyMetrics.Children c) {
        lastMetrics = c;
    }

    /** The flush shared by the streams of this HTTP/2 connection ({@code parent}), made on first use. */
    BatchFlush batchFlush(io.netty.channel.Channel parent) {
        BatchFlush f = batchFlush;
        if (f == null) {
            f = new BatchFlush(parent);
            batchFlush = f;
        }
        return f;
    }

    Conn withProtocol(String p) {
        return new Conn(bound, listener, scheme, sni, p, client, gateway);
    }

    @Override
    public String toString() {
        return "Conn[" + protocol + " " + client + " -> " + bound + (sni.isEmpty() ? "" : " sni " + sni) + "]";
    }
}
