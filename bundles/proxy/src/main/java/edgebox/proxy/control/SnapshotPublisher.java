package edgebox.proxy.control;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import edgebox.api.objects.ObjectSnapshot;
import edgebox.proxy.route.Compiler;
import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.route.SnapshotSource;

/**
 * Compiles each objects snapshot into a proxy snapshot on the given single thread: when several arrive while one
 * compiles, only the newest is compiled next. Each compile is published whole to the subscribers and to
 * {@code onCompiled}, in order, on that thread. A compile that fails leaves the last snapshot serving.
 */
public final class SnapshotPublisher implements SnapshotSource {

    private static final System.Logger LOG = System.getLogger(SnapshotPublisher.class.getName());

    private final Executor thread;
    private final Consumer<Compiler.Compilation> onCompiled;
    private final List<Consumer<ProxySnapshot>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicReference<ObjectSnapshot> next = new AtomicReference<>();
    private volatile ProxySnapshot current = Compiler.empty();

    public SnapshotPublisher(Executor thread, Consumer<Compiler.Compilation> onCompiled) {
        this.thread = thread;
        this.onCompiled = onCompiled;
    }

    @Override
    public ProxySnapshot current() {
        return current;
    }

    @Override
    public AutoCloseable subscribe(Consumer<ProxySnapshot> subscriber) {
        subscribers.add(subscriber);
        subscriber.accept(current);
        return () -> subscribers.remove(subscriber);
    }

    /** Takes a new objects snapshot; it is compiled on the publisher's thread unless a newer one comes first. */
    public void offer(ObjectSnapshot objects) {
        if (next.getAndSet(objects) == null) {
            thread.execute(this::compile);
        }
    }

    private void compile() {
        ObjectSnapshot objects = next.getAndSet(null);
        if (objects == null) {
            return;
        }
        try {
            Compiler.Compilation c = Compiler.compile(objects.version(), objects);
            current = c.snapshot();
            for (Consumer<ProxySnapshot> sub : subscribers) {
                sub.accept(c.snapshot());
            }
            onCompiled.accept(c);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "proxy: compiling objects snapshot " + objects.version() + " failed, the last "
                    + "proxy snapshot keeps serving", e);
        }
    }
}
