package edgebox.l2.wire;

import java.util.function.Consumer;

import org.pcap4j.packet.Packet;
import org.pcap4j.util.MacAddress;

/** One interface's frames: what the announcer sends and reads through. */
public interface Port extends AutoCloseable {

    MacAddress mac();

    boolean send(Packet frame);

    @Override
    void close();

    /** Opens a port on the interface {@code name}; inbound frames arrive on the port's own thread. */
    interface Opener {
        Port open(String name, byte[] mac, Consumer<Inbound> inbound) throws Exception;
    }
}
