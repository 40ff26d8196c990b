package edgebox.lb.plan;

import java.net.InetAddress;

/** Where a virtual service listens: VIP, port and protocol. */
public record VipKey(InetAddress address, int port, Protocol protocol) {

    @Override
    public String toString() {
        String host = address.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "/" + protocol;
    }
}
