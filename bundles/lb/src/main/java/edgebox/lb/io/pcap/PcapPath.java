package edgebox.lb.io.pcap;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.BlockingMode;
import org.pcap4j.core.PcapHandle.PcapDirection;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;

import com.sun.jna.Pointer;

import edgebox.api.packet.PacketPath;
import edgebox.api.packet.PacketPort;
import edgebox.api.packet.PortOptions;

/**
 * The packet path on libpcap (AF_PACKET with a TPACKET ring underneath) through pcap4j: immediate mode, so a frame
 * is handed over as soon as it arrives; direction IN, so a port never sees what it sent; the filter compiled by
 * libpcap and run in the kernel. Needs CAP_NET_RAW.
 */
public final class PcapPath implements PacketPath {

    @Override
    public String name() {
        return "pcap";
    }

    @Override
    public PacketPort open(String iface, String filter, PortOptions options) throws IOException {
        long mac = mac(iface);
        int mtu = Integer.parseInt(sysfs(iface, "mtu"));
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(iface).snaplen(options.snapLength())
                    .promiscuousMode(PromiscuousMode.NONPROMISCUOUS).bufferSize(options.bufferBytes())
                    .immediateMode(true).build();
        } catch (PcapNativeException e) {
            throw new IOException(iface + ": cannot open: " + e.getMessage(), e);
        }
        try {
            handle.setDirection(PcapDirection.IN);
            handle.setBlockingMode(BlockingMode.NONBLOCKING);
            applyFilter(handle, iface, filter);
            long pcap = address(handle);
            int fd = Libpcap.pcap_get_selectable_fd(pcap);
            if (fd < 0) {
                throw new IOException(iface + ": libpcap gives no descriptor to wait on");
            }
            return new PcapPort(iface, mac, mtu, options, handle, pcap, fd);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new IOException(iface + ": cannot set up the capture: " + e.getMessage(), e);
        } catch (IOException | RuntimeException | Error e) {
            handle.close();
            throw e;
        }
    }

    /** Compiles {@code expression} with libpcap and puts it in force; on failure the old filter stays. */
    static void applyFilter(PcapHandle handle, String iface, String expression) throws IOException {
        try {
            handle.setFilter(expression, BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException(iface + ": filter \"" + expression + "\": " + e.getMessage(), e);
        }
    }

    /** The interface's MAC address from sysfs (the JDK lists only interfaces that have an IP address). */
    private static long mac(String iface) throws IOException {
        if (!"1".equals(sysfs(iface, "type"))) {
            throw new IOException(iface + ": not an Ethernet interface");
        }
        String address = sysfs(iface, "address");
        if (!address.matches("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}")) {
            throw new IOException(iface + ": unreadable MAC address " + address);
        }
        return Long.parseLong(address.replace(":", ""), 16);
    }

    private static String sysfs(String iface, String attribute) throws IOException {
        if (iface.isEmpty() || iface.contains("/") || iface.startsWith(".")) {
            throw new IOException("\"" + iface + "\": not an interface name");
        }
        Path path = Path.of("/sys/class/net", iface, attribute);
        try {
            return Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new IOException(iface + ": no such interface");
        }
    }

    /** The {@code pcap_t *} behind a pcap4j handle, which pcap4j keeps private. */
    private static long address(PcapHandle handle) throws IOException {
        try {
            Field field = PcapHandle.class.getDeclaredField("handle");
            field.setAccessible(true);
            return Pointer.nativeValue((Pointer) field.get(handle));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("this pcap4j keeps no pcap_t in PcapHandle.handle: " + e, e);
        }
    }
}
