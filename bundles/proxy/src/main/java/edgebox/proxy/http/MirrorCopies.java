package edgebox.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/** The mirror copies of one request whose body streams: each body part goes to every {@link MirrorCall}. */
final class MirrorCopies {

    private final MirrorCall[] calls;
    private final int count;

    MirrorCopies(MirrorCall[] calls, int count) {
        this.calls = calls;
        this.count = count;
    }

    /** A body part, still owned by the caller (each call keeps a retained slice). */
    void part(ByteBuf data, boolean last, HttpHeaders trailers) {
        for (int i = 0; i < count; i++) {
            calls[i].part(data, last, trailers);
        }
    }

    /** The request's exchange is over: copies that did not get the whole body are dropped. */
    void requestOver() {
        for (int i = 0; i < count; i++) {
            calls[i].requestOver();
        }
    }
}
