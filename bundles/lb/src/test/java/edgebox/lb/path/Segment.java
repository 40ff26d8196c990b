package edgebox.lb.path;

import static edgebox.lb.frame.TestFrames.concat;
import static edgebox.lb.frame.TestFrames.ethernet;
import static edgebox.lb.frame.TestFrames.icmp;
import static edgebox.lb.frame.TestFrames.ipv6;
import static edgebox.lb.frame.TestFrames.v4;
import static edgebox.lb.frame.TestFrames.v6;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import edgebox.lb.frame.TestFrames;
import edgebox.lb.neigh.PortAddress;

/**
 * The test segment a port sits on: the box's addresses, the hosts on it with their MACs, and the ARP replies and
 * neighbour advertisements those hosts give to the box's questions.
 */
public final class Segment {

    public static final long BOX_MAC = TestFrames.BOX_MAC;
    public static final String BOX4 = "10.1.0.254";
    public static final String BOX6 = "fd00:1::fe";
    public static final String ROUTER4 = "10.1.0.250";
    public static final List<PortAddress> ADDRESSES = List.of(
            new PortAddress(address(BOX4), 24), new PortAddress(address(BOX6), 64),
            new PortAddress(address("fe80::1"), 64));

    private final Map<String, Long> macs = new HashMap<>();

    /** A host on the segment answers for {@code ip} with {@code mac}. */
    public Segment host(String ip, long mac) {
        macs.put(address(ip).getHostAddress(), mac);
        return this;
    }

    public long mac(String ip) {
        return macs.get(address(ip).getHostAddress());
    }

    public static InetAddress address(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    /** The answers of the segment's hosts to the ARP requests and neighbour solicitations among {@code sent}. */
    public List<byte[]> answers(List<byte[]> sent) {
        List<byte[]> replies = new ArrayList<>();
        for (byte[] frame : sent) {
            ByteBuffer b = ByteBuffer.wrap(frame);
            if (b.getShort(12) == 0x0806 && b.getShort(20) == 1) {
                byte[] target = new byte[4];
                b.get(38, target);
                Long mac = macs.get(InetAddress.ofLiteral(ip(target)).getHostAddress());
                if (mac != null) {
                    replies.add(arpReply(ip(target), mac, b.getInt(28)));
                }
            } else if (b.getShort(12) == (short) 0x86dd && frame[20] == 58 && (frame[54] & 0xff) == 135) {
                byte[] target = new byte[16];
                b.get(62, target);
                Long mac = macs.get(InetAddress.ofLiteral(ip(target)).getHostAddress());
                if (mac != null) {
                    replies.add(advertisement(ip(target), mac));
                }
            }
        }
        return replies;
    }

    public static boolean isArpRequest(byte[] frame, String target) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        return b.getShort(12) == 0x0806 && b.getShort(20) == 1 && b.getInt(38) == v4(target);
    }

    private static String ip(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static byte[] arpReply(String sender, long senderMac, int targetIp) {
        ByteBuffer arp = ByteBuffer.allocate(28);
        arp.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 2);
        arp.putShort((short) (senderMac >>> 32)).putInt((int) senderMac).putInt(v4(sender));
        arp.putShort((short) (BOX_MAC >>> 32)).putInt((int) BOX_MAC).putInt(targetIp);
        return ethernet(TestFrames.ARP, arp.array());
    }

    /** A solicited neighbour advertisement for {@code target} with its target link-layer address option. */
    public static byte[] advertisement(String target, long mac) {
        byte[] option = ByteBuffer.allocate(8).put((byte) 2).put((byte) 1).putShort((short) (mac >>> 32))
                .putInt((int) mac).array();
        byte[] frame = ethernet(0x86dd, ipv6(v6(target), v6(BOX6), 58,
                icmp(136, 0, 0x6000_0000, concat(v6(target), option))));
        frame[14 + 7] = (byte) 255;
        return frame;
    }

    /** The frame as a client's router sends it to the box: to the box's MAC, from the client's. */
    public static byte[] toBox(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        b.putShort(0, (short) (BOX_MAC >>> 32)).putInt(2, (int) BOX_MAC);
        b.putShort(6, (short) (TestFrames.CLIENT_MAC >>> 32)).putInt(8, (int) TestFrames.CLIENT_MAC);
        return frame;
    }

    public static long destinationMac(byte[] frame) {
        return ByteBuffer.wrap(frame).getLong(0) >>> 16;
    }

    public static long sourceMac(byte[] frame) {
        return ByteBuffer.wrap(frame).getLong(6) >>> 16;
    }
}
