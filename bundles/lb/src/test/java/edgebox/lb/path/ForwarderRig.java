package edgebox.lb.path;

import java.time.Duration;
import java.util.List;

import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.lb.maglev.ConnectionTable;
import edgebox.lb.maglev.ConnectionTimeouts;
import edgebox.lb.neigh.NeighbourResolver;
import edgebox.lb.neigh.NeighbourTiming;
import edgebox.lb.plan.LbPlan;

/**
 * A forwarder on a memory port of the test segment, with a clock the test moves and the policy decision point the
 * test sets (none at first).
 */
final class ForwarderRig {

    final MemoryPort port;
    final Segment segment = new Segment();
    final Handles services = new Handles("services");
    final Handles backends = new Handles("backends");
    final NeighbourResolver resolver;
    final Forwarder forwarder;
    long now = 1_000_000_000L;
    PolicyDecisionPoint policy;

    ForwarderRig(MemoryPort port) {
        this.port = port;
        resolver = new NeighbourResolver(port, Segment.ADDRESSES, NeighbourTiming.DEFAULT);
        forwarder = new Forwarder(port, new ConnectionTable(4096, ConnectionTimeouts.DEFAULTS), resolver,
                () -> now, Segment.address(Segment.ROUTER4), null, Segment.address(Segment.BOX4),
                Segment.address(Segment.BOX6), () -> policy);
    }

    ForwarderRig() {
        this(new MemoryPort("eblb0", Segment.BOX_MAC, 1500, 64));
    }

    void install(LbPlan plan) {
        forwarder.install(ForwardingTable.build(plan, services, backends));
    }

    /** Asks for every neighbour due and hands the segment's answers to the forwarder. */
    void resolve() {
        resolver.probe(now, 1000);
        for (byte[] answer : segment.answers(port.drain())) {
            feed(answer);
        }
    }

    void feed(byte[] frame) {
        forwarder.frame(java.nio.ByteBuffer.wrap(frame), 0, frame.length, frame.length);
    }

    /** Forwards one frame and returns what left the port for it (nothing when dropped). */
    List<byte[]> forward(byte[] frame) {
        feed(frame);
        return port.drain();
    }

    void advance(Duration d) {
        now += d.toNanos();
    }
}
