package edgebox.lb.engine;

import java.io.IOException;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

import edgebox.lb.neigh.PortAddress;

/** Where the engine learns a port's own addresses and connected subnets. */
@FunctionalInterface
public interface InterfaceAddresses {

    /** The kernel's addresses of the interface, as {@code ip addr} shows them. */
    InterfaceAddresses SYSTEM = name -> {
        NetworkInterface nic;
        try {
            nic = NetworkInterface.getByName(name);
        } catch (SocketException e) {
            throw new IOException("interface " + name + ": cannot read its addresses: " + e.getMessage(), e);
        }
        if (nic == null) {
            throw new IOException("interface " + name + ": no such interface");
        }
        List<PortAddress> addresses = new ArrayList<>();
        for (InterfaceAddress a : nic.getInterfaceAddresses()) {
            addresses.add(new PortAddress(a.getAddress(), a.getNetworkPrefixLength()));
        }
        return addresses;
    };

    List<PortAddress> of(String interfaceName) throws IOException;
}
