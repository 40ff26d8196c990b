package edgebox.proxy.http;

import io.netty.channel.Channel;

/**
 * One flush of an HTTP/2 connection for all its streams' writes of one event-loop turn. A stream that ends its
 * response while its upstream is read (not while the connection itself is read, where netty already flushes once at
 * the end) asks for it; the flush runs as a task after the turn's I/O, so the responses of many streams go out in
 * one TLS record batch and one write instead of one each. Used on the connection's event loop only.
 */
final class BatchFlush implements Runnable {

    private final Channel channel;
    private boolean scheduled;

    BatchFlush(Channel channel) {
        this.channel = channel;
    }

    void request() {
        if (!scheduled) {
            scheduled = true;
            channel.eventLoop().execute(this);
        }
    }

    @Override
    public void run() {
        scheduled = false;
        channel.flush();
    }
}
