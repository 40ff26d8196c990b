package edgebox.proxy.resource;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import edgebox.proxy.model.Resource;
import edgebox.proxy.route.Compiler;
import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.route.SnapshotSource;

/**
 * Holds the resources the components publish and recompiles the snapshot on the given single thread, debounced:
 * the first change schedules a compile {@code debounceMillis} later and later changes ride along. Each compile is
 * published whole to the subscribers and to {@code onCompiled}, in order, on that thread.
 */
public final class SnapshotPublisher implements SnapshotSource, ResourceStore {

    private static final System.Logger LOG = System.getLogger(SnapshotPublisher.class.getName());

    private final ScheduledExecutorService thread;
    private final long debounceMillis;
    private final Consumer<Compiler.Compilation> onCompiled;
    private final List<Consumer<ProxySnapshot>> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, Resource> resources = new HashMap<>();
    private final Map<String, Long> order = new HashMap<>();
    private long nextOrder;
    private long version;
    private Compiler.Settings settings;
    private boolean scheduled;
    private final Set<String> awaiting = new HashSet<>();
    private long awaitUntilNanos;
    private volatile ProxySnapshot current = Compiler.empty();

    public SnapshotPublisher(ScheduledExecutorService thread, long debounceMillis, Compiler.Settings settings,
            Consumer<Compiler.Compilation> onCompiled) {
        this.thread = thread;
        this.debounceMillis = debounceMillis;
        this.settings = settings;
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

    /**
     * Holds back the first snapshot until every configuration in {@code pids} (what Config Admin holds for the
     * proxy's kinds when it starts) has been put or removed, or {@code millis} have passed: a proxy starting (or
     * replacing an older one in deploy/) never serves a Gateway before its routes and backends.
     */
    public synchronized void awaitInitial(Set<String> pids, long millis) {
        awaiting.clear();
        awaiting.addAll(pids);
        awaiting.removeAll(resources.keySet());
        awaitUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (!awaiting.isEmpty()) {
            thread.schedule(this::compile, millis, TimeUnit.MILLISECONDS);
        }
    }

    private boolean holdingBack() {
        if (awaiting.isEmpty()) {
            return false;
        }
        if (System.nanoTime() - awaitUntilNanos >= 0) {
            LOG.log(Level.WARNING, "proxy: serving without configurations that did not arrive in time: " + awaiting);
            awaiting.clear();
            return false;
        }
        return true;
    }

    @Override
    public synchronized void put(String pid, Resource resource) {
        awaiting.remove(pid);
        String key = resource.kind() + " " + resource.meta().key();
        long o = order.computeIfAbsent(key, k -> nextOrder++);
        resources.put(pid, withOrder(resource, o));
        schedule();
    }

    @Override
    public synchronized void remove(String pid) {
        boolean awaited = awaiting.remove(pid);
        if (resources.remove(pid) != null || awaited && awaiting.isEmpty()) {
            schedule();
        }
    }

    public synchronized void settings(Compiler.Settings newSettings) {
        settings = newSettings;
        schedule();
    }

    /** Compiles now on the publisher's thread and waits for it, at most {@code millis}. */
    public void compileNow(long millis) throws Exception {
        thread.submit(this::compile).get(millis, TimeUnit.MILLISECONDS);
    }

    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            thread.schedule(this::compile, debounceMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void compile() {
        List<Resource> input;
        Compiler.Settings s;
        long v;
        synchronized (this) {
            scheduled = false;
            if (holdingBack()) {
                return;
            }
            input = new ArrayList<>(resources.values());
            s = settings;
            v = ++version;
        }
        try {
            Compiler.Compilation c = Compiler.compile(v, s, input);
            synchronized (this) {
                if (c.snapshot().version() < current.version()) {
                    return;
                }
                current = c.snapshot();
            }
            for (Consumer<ProxySnapshot> sub : subscribers) {
                sub.accept(c.snapshot());
            }
            onCompiled.accept(c);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "proxy: compiling " + input.size() + " resources failed, the last snapshot keeps "
                    + "serving", e);
        }
    }

    private static Resource withOrder(Resource r, long o) {
        return switch (r) {
            case edgebox.proxy.model.Gateway g -> new edgebox.proxy.model.Gateway(g.meta().withOrder(o),
                    g.className(), g.addresses(), g.listeners());
            case edgebox.proxy.model.Route x -> new edgebox.proxy.model.Route(x.kind(), x.meta().withOrder(o),
                    x.parentRefs(), x.hostnames(), x.rules());
            default -> r;
        };
    }
}
