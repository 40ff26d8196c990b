package edgebox.lb.frame;

/**
 * L2 direct server return: a frame for a VIP leaves towards its backend with only its MAC addresses changed
 * (destination the backend's, source the box's); the backend owns the VIP on a non-ARPing interface and
 * answers the client itself. Works on a frame a {@link FrameView} has read without a drop.
 */
public final class DsrRewrite {

    private final long boxMac;
    private final int mtu;

    /** {@code mtu} is the segment's largest IP packet, 68 (RFC 791's minimum) to 65535. */
    public DsrRewrite(long boxMac, int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("DSR rewrite: mtu: " + mtu + " is outside 68..65535");
        }
        this.boxMac = boxMac;
        this.mtu = mtu;
    }

    /** Rewrites the frame in place for {@code backendMac}, or leaves it untouched and returns why not. */
    public DropReason rewrite(FrameView frame, long backendMac) {
        if (frame.l3Length() > mtu) {
            return DropReason.TOO_BIG;
        }
        Mac.write(frame.buffer(), frame.offset(), backendMac);
        Mac.write(frame.buffer(), frame.offset() + 6, boxMac);
        return null;
    }
}
