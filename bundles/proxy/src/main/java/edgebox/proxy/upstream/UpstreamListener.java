package edgebox.proxy.upstream;

import io.netty.handler.codec.http.HttpObject;

/** The exchange an upstream connection (or HTTP/2 stream) currently serves; called on its event loop only. */
public interface UpstreamListener {

    /** A response part; the listener owns it (release or forward it). */
    void onResponse(HttpObject msg);

    /** The end of one read batch: flush what was forwarded. */
    void onReadComplete();

    /** The upstream channel's writability changed: pause or resume reading the request body. */
    void onWritabilityChanged(boolean writable);

    /** The connection closed or failed before the listener let go of it; {@code cause} may be null. */
    void onClosed(Throwable cause);
}
