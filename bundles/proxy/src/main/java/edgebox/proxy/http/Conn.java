package edgebox.proxy.http;

import java.net.InetSocketAddress;

import edgebox.proxy.route.ListenerInfo;

/**
 * What an exchange knows of its downstream connection: the bound address whose port table routes it, the listener
 * chosen by SNI (null on a plain port), the scheme, the TLS server name, the protocol label for logs and the client.
 */
record Conn(InetSocketAddress bound, ListenerInfo listener, String scheme, String sni, String protocol,
        InetSocketAddress client, String gateway) {

    boolean tls() {
        return "https".equals(scheme);
    }

    Conn withProtocol(String p) {
        return new Conn(bound, listener, scheme, sni, p, client, gateway);
    }
}
