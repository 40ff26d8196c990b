package edgebox.lb.plan;

import java.net.InetAddress;

import edgebox.api.net.Cidr;

/** Where a virtual service listens: VIP, port and protocol. */
public record VipKey(InetAddress address, int port, Protocol protocol) {

    @Override
    public String toString() {
        String host = Cidr.text(address);
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "/" + protocol;
    }
}
