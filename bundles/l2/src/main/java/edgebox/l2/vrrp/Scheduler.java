package edgebox.l2.vrrp;

/** Timers for a {@link VirtualRouter}, run on the one thread that also delivers its adverts. */
public interface Scheduler {

    /** Runs {@code task} after {@code millis}; the returned handle cancels it. */
    Runnable schedule(Runnable task, long millis);

    long nowMillis();
}
