package edgebox.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The accept path's hand-off: a channel accepted while no lease holds the socket waits for the next lease. */
class DispatchTest {

    @Sharable
    static final class Events extends ChannelInboundHandlerAdapter {
        final List<String> seen = new ArrayList<>();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            seen.add("active");
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.add("read " + msg);
        }
    }

    @Test
    void aChannelAcceptedDuringALeaseGetsItsHandler() {
        HeldSocket.Dispatch dispatch = new HeldSocket.Dispatch();
        Events events = new Events();
        dispatch.take(events);
        EmbeddedChannel ch = new EmbeddedChannel(dispatch);
        assertEquals(List.of("active"), events.seen);
        assertTrue(ch.config().isAutoRead());
    }

    @Test
    void aChannelAcceptedBetweenLeasesWaitsUnreadThenGoesToTheNextLease() {
        HeldSocket.Dispatch dispatch = new HeldSocket.Dispatch();
        EmbeddedChannel ch = new EmbeddedChannel(dispatch);
        assertFalse(ch.config().isAutoRead(), "a parked channel must not read");
        Events next = new Events();
        dispatch.take(next);
        ch.runPendingTasks();
        assertTrue(ch.config().isAutoRead());
        ch.writeInbound("hello");
        assertEquals(List.of("active", "read hello"), next.seen);
    }

    @Test
    void parkedChannelsCloseWithTheSocket() {
        HeldSocket.Dispatch dispatch = new HeldSocket.Dispatch();
        EmbeddedChannel ch = new EmbeddedChannel(dispatch);
        dispatch.closeParked();
        assertFalse(ch.isOpen());
    }
}
