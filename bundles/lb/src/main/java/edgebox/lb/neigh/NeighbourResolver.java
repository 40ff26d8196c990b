package edgebox.lb.neigh;

import static edgebox.lb.frame.Bytes.mac;
import static edgebox.lb.frame.Bytes.put16;
import static edgebox.lb.frame.Bytes.put32;
import static edgebox.lb.frame.Bytes.put64;
import static edgebox.lb.frame.Bytes.putMac;
import static edgebox.lb.frame.Bytes.s32;
import static edgebox.lb.frame.Bytes.s64;
import static edgebox.lb.frame.Bytes.u16;
import static edgebox.lb.frame.Bytes.u8;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import edgebox.api.packet.PacketPort;
import edgebox.lb.frame.Bytes;
import edgebox.lb.frame.Checksum;
import edgebox.lb.frame.FrameView;

/**
 * Resolves the MACs of one port's neighbours: asks with ARP requests (IPv4, from the port's address on the
 * target's subnet) and neighbour solicitations (IPv6, from the port's address on the target's prefix, else its
 * link-local one), and learns from ARP replies, gratuitous ARP and neighbour advertisements the port receives.
 * Questions are built in one preallocated buffer. Runs on the port's thread: {@link #receive} from the frame
 * handler, {@link #probe} from the periodic tick.
 */
public final class NeighbourResolver {

    static final int ETHER_ARP = 0x0806;
    static final int ETHER_IPV6 = 0x86dd;
    static final int NEIGHBOUR_SOLICITATION = 135;
    static final int NEIGHBOUR_ADVERTISEMENT = 136;
    private static final int ARP_FRAME = 60;
    private static final int NS_FRAME = 14 + 40 + 32;
    private static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    private final PacketPort port;
    private final long portMac;
    private final List<PortAddress> addresses;
    private final long[] addressHigh;
    private final long[] addressLow;
    private final NeighbourTiming timing;
    private final NeighbourCache cache;
    private final ByteBuffer out = ByteBuffer.allocateDirect(128);
    private int cursor;
    private long questions;
    private long giveUps;
    private long learnt;
    private long sendErrors;

    public NeighbourResolver(PacketPort port, List<PortAddress> addresses, NeighbourTiming timing) {
        this.port = port;
        this.portMac = port.mac();
        this.addresses = List.copyOf(addresses);
        this.timing = timing;
        this.cache = new NeighbourCache(timing.reachable().toNanos());
        addressHigh = new long[this.addresses.size()];
        addressLow = new long[this.addresses.size()];
        for (int i = 0; i < addressHigh.length; i++) {
            addressHigh[i] = IpAddress.high(this.addresses.get(i).address());
            addressLow[i] = IpAddress.low(this.addresses.get(i).address());
        }
    }

    /**
     * The index of the port address a neighbour is asked from, or {@link NeighbourCache#NONE} when {@code target}
     * is on none of the port's subnets (it is then reached through a router). For IPv6 an address on the target's
     * prefix is preferred; a link-local target is asked from the link-local address.
     */
    public int source(InetAddress target) {
        int linkLocal = NeighbourCache.NONE;
        for (int i = 0; i < addresses.size(); i++) {
            PortAddress a = addresses.get(i);
            if (a.linkLocal()) {
                linkLocal = i;
            }
            if (a.onSubnet(target) && (!a.linkLocal() || target.isLinkLocalAddress())) {
                return i;
            }
        }
        return target.isLinkLocalAddress() ? linkLocal : NeighbourCache.NONE;
    }

    /** Makes {@code targets}, each on one of the port's subnets, the neighbours kept ({@link NeighbourCache#track}). */
    public void track(List<InetAddress> targets, long now) {
        List<long[]> keys = new ArrayList<>(targets.size());
        int[] sources = new int[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            InetAddress t = targets.get(i);
            keys.add(new long[] {IpAddress.high(t), IpAddress.low(t)});
            sources[i] = source(t);
        }
        cache.track(keys, sources, now);
        cursor = 0;
    }

    public NeighbourCache cache() {
        return cache;
    }

    /**
     * Learns from an ARP frame or an ICMPv6 neighbour advertisement that {@code view} has read; returns whether
     * the frame was one (and so is the resolver's, not the forwarder's).
     */
    public boolean receive(FrameView view, long now) {
        if (view.etherType() == ETHER_ARP) {
            arp(view, now);
            return true;
        }
        if (view.flow().ipVersion() == 6 && view.flow().protocol() == 58
                && view.icmpType() == NEIGHBOUR_ADVERTISEMENT) {
            advertisement(view, now);
            return true;
        }
        return false;
    }

    private void arp(FrameView view, long now) {
        ByteBuffer b = view.buffer();
        int at = view.offset() + view.l3Offset();
        if (view.length() - view.l3Offset() < 28 || u16(b, at) != 1 || u16(b, at + 2) != 0x0800
                || u8(b, at + 4) != 6 || u8(b, at + 5) != 4) {
            return;
        }
        int op = u16(b, at + 6);
        int sender = s32(b, at + 14);
        int target = s32(b, at + 24);
        boolean gratuitous = sender == target;
        if ((op == 2 || gratuitous) && sender != 0) {
            remember(0, IpAddress.v4Low(sender), mac(b, at + 8), now);
        }
    }

    private void advertisement(FrameView view, long now) {
        ByteBuffer b = view.buffer();
        int ip = view.offset() + view.l3Offset();
        int icmp = view.offset() + view.l4Offset();
        int end = Math.min(view.offset() + view.length(), ip + 40 + u16(b, ip + 4));
        if (u8(b, ip + 7) != 255 || end - icmp < 24) {
            return;
        }
        long targetHigh = s64(b, icmp + 8);
        long targetLow = s64(b, icmp + 16);
        long linkAddress = mac(b, view.offset() + 6);
        for (int option = icmp + 24; option + 8 <= end; ) {
            int units = u8(b, option + 1);
            if (units == 0) {
                return;
            }
            if (u8(b, option) == 2) {
                linkAddress = mac(b, option + 2);
                break;
            }
            option += units * 8;
        }
        remember(targetHigh, targetLow, linkAddress, now);
    }

    private void remember(long high, long low, long linkAddress, long now) {
        if (cache.learn(high, low, linkAddress, now, now + cache.reachableNanos() / 2)) {
            learnt++;
        }
    }

    /**
     * Asks for the neighbours that are due: unknown ones, and known ones past half their reachable time; at most
     * {@code limit} questions per call, taking up where the last call stopped. Returns how many were sent.
     */
    public int probe(long now, int limit) {
        int sent = 0;
        int n = cache.size();
        for (int seen = 0; seen < n && sent < limit; seen++) {
            int s = cursor;
            cursor = cursor + 1 >= n ? 0 : cursor + 1;
            if (now - cache.nextProbeAt(s) < 0 || cache.source(s) == NeighbourCache.NONE) {
                continue;
            }
            if (cache.tries(s) >= timing.tries()) {
                giveUps++;
                cache.probed(s, 0, now + timing.pause().toNanos());
                continue;
            }
            ask(s);
            sent++;
            cache.probed(s, cache.tries(s) + 1, now + timing.retry().toNanos());
        }
        return sent;
    }

    private void ask(int slot) {
        int from = cache.source(slot);
        int length = addresses.get(from).v4()
                ? arpRequest(addressLow[from], cache.low(slot))
                : solicitation(addressHigh[from], addressLow[from], cache.high(slot), cache.low(slot));
        try {
            port.send(out, 0, length);
            questions++;
        } catch (IOException e) {
            sendErrors++;
        }
    }

    private int arpRequest(long senderLow, long targetLow) {
        for (int i = 0; i < ARP_FRAME; i++) {
            out.put(i, (byte) 0);
        }
        putMac(out, 0, BROADCAST);
        putMac(out, 6, portMac);
        put16(out, 12, ETHER_ARP);
        put16(out, 14, 1);
        put16(out, 16, 0x0800);
        put16(out, 18, 6 << 8 | 4);
        put16(out, 20, 1);
        putMac(out, 22, portMac);
        put32(out, 28, (int) senderLow);
        put32(out, 38, (int) targetLow);
        return ARP_FRAME;
    }

    private int solicitation(long sourceHigh, long sourceLow, long targetHigh, long targetLow) {
        long group = 0x0000_0001_FF00_0000L | targetLow & 0xFF_FFFFL;
        putMac(out, 0, 0x3333_FF00_0000L | targetLow & 0xFF_FFFFL);
        putMac(out, 6, portMac);
        put16(out, 12, ETHER_IPV6);
        put32(out, 14, 0x6000_0000);
        put16(out, 18, 32);
        put16(out, 20, 58 << 8 | 255);
        put64(out, 22, sourceHigh);
        put64(out, 30, sourceLow);
        put64(out, 38, 0xFF02_0000_0000_0000L);
        put64(out, 46, group);
        put32(out, 54, NEIGHBOUR_SOLICITATION << 24);
        put32(out, 58, 0);
        put64(out, 62, targetHigh);
        put64(out, 70, targetLow);
        put16(out, 78, 1 << 8 | 1);
        putMac(out, 80, portMac);
        long pseudo = Bytes.words(out, 22, 32) + 32 + 58;
        put16(out, 56, Checksum.of(out, 54, 32, pseudo));
        return NS_FRAME;
    }

    /** Questions sent. */
    public long questions() {
        return questions;
    }

    /** Rounds of questions that went unanswered. */
    public long giveUps() {
        return giveUps;
    }

    /** Answers that confirmed a tracked neighbour. */
    public long learnt() {
        return learnt;
    }

    public long sendErrors() {
        return sendErrors;
    }
}
