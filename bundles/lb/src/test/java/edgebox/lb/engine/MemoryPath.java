package edgebox.lb.engine;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import edgebox.api.packet.PacketPath;
import edgebox.api.packet.PacketPort;
import edgebox.api.packet.PortOptions;
import edgebox.lb.path.MemoryPort;

/** Opens the memory ports a test set up; any other interface fails to open, as a missing one does. */
final class MemoryPath implements PacketPath {

    final Map<String, MemoryPort> ports = new ConcurrentHashMap<>();

    MemoryPath with(MemoryPort port) {
        ports.put(port.interfaceName(), port);
        return this;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public PacketPort open(String iface, String filter, PortOptions options) throws IOException {
        MemoryPort port = ports.get(iface);
        if (port == null) {
            throw new IOException("interface " + iface + ": no such device");
        }
        port.filter(filter);
        return port;
    }
}
