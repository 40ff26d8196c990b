package edgebox.proxy.upstream;

/** Answer to {@link LoopPool#acquire}: on the pool's event loop, exactly one of the two, once. */
public interface Acquired {

    void acquired(Upstream upstream);

    void failed(Throwable cause);
}
