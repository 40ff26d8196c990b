package edgebox.l2.wire;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.PcapDirection;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.packet.Packet;
import org.pcap4j.util.MacAddress;

/**
 * One interface's raw frames through libpcap: a capture of arriving ARP, ICMPv6 and VRRP frames read on its own
 * thread, and a second handle to send on (so a send never waits behind a read). Needs CAP_NET_RAW.
 */
public final class Link implements Port {

    static final String FILTER = "arp or icmp6 or ip proto 112 or ip6 proto 112";
    private static final Logger LOG = System.getLogger("edgebox.l2");
    private static volatile boolean prepared;

    private final String name;
    private final MacAddress mac;
    private final PcapHandle capture;
    private final PcapHandle sender;
    private final Thread reader;
    private volatile boolean open = true;

    /**
     * Opens both handles and starts reading; {@code inbound} gets every parsed frame not sent by this interface, on
     * the reading thread.
     */
    public Link(String name, byte[] mac, Consumer<Inbound> inbound) throws PcapNativeException {
        if (!prepared) {
            Inbound.prepare();
            prepared = true;
        }
        this.name = name;
        this.mac = MacAddress.getByAddress(mac);
        // libpcap's read waits for a frame however long it takes; close() wakes it with pcap_breakloop
        capture = new PcapHandle.Builder(name).snaplen(512).promiscuousMode(PromiscuousMode.PROMISCUOUS)
                .timeoutMillis(100).immediateMode(true).build();
        try {
            capture.setFilter(FILTER, BpfCompileMode.OPTIMIZE);
            capture.setDirection(PcapDirection.IN);
            sender = new PcapHandle.Builder(name).snaplen(64).timeoutMillis(100).build();
        } catch (Exception e) {
            capture.close();
            throw e instanceof PcapNativeException p ? p : new PcapNativeException(name + ": " + e.getMessage());
        }
        reader = new Thread(() -> read(inbound), "edgebox-l2-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    public String name() {
        return name;
    }

    public MacAddress mac() {
        return mac;
    }

    /** Sends one frame; false (and a log line) when the interface refuses it. */
    public boolean send(Packet frame) {
        try {
            sender.sendPacket(frame);
            return true;
        } catch (Exception e) {
            if (open) {
                LOG.log(Level.WARNING, "l2: " + name + ": cannot send a frame: " + e.getMessage());
            }
            return false;
        }
    }

    private void read(Consumer<Inbound> inbound) {
        while (open) {
            byte[] frame;
            try {
                frame = capture.getNextRawPacket();
            } catch (Exception e) {
                if (open) {
                    LOG.log(Level.ERROR, "l2: " + name + ": capture stopped: " + e.getMessage());
                }
                return;
            }
            if (frame == null || frame.length < 14 || ownSource(frame)) {
                continue;
            }
            Inbound in = Inbound.parse(frame);
            if (in != null) {
                try {
                    inbound.accept(in);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "l2: " + name + ": a frame's handling failed", e);
                }
            }
        }
    }

    private boolean ownSource(byte[] frame) {
        byte[] own = mac.getAddress();
        for (int i = 0; i < 6; i++) {
            if (frame[6 + i] != own[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        open = false;
        try {
            capture.breakLoop();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "l2: " + name + ": breakloop: " + e.getMessage());
        }
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        capture.close();
        sender.close();
    }
}
