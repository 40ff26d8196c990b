package edgebox.l2.vrrp;

import java.net.InetAddress;
import java.util.Arrays;

import edgebox.api.net.Cidr;

/**
 * The VRRPv3 state machine of RFC 5798 section 6.4 for one virtual router on this box. Not thread safe: every
 * method and every timer runs on the scheduler's one thread. What it decides leaves through {@link Actions}.
 */
public final class VirtualRouter {

    public enum State { INITIALIZE, BACKUP, MASTER }

    /** What the state machine asks of the box. */
    public interface Actions {

        /** Sends an advertisement with this priority (0: the master resigns). */
        void advertise(int priority);

        void becameMaster(String reason);

        void becameBackup(String reason);
    }

    private RouterSettings settings;
    private final InetAddress primary;
    private final Scheduler scheduler;
    private final Actions actions;

    private State state = State.INITIALIZE;
    private int masterAdverCentis;
    private InetAddress master;
    private long sinceMillis;
    private Runnable masterDownTimer;
    private Runnable adverTimer;

    /**
     * @param primary this box's address on the router's interface, the advert's source; the tie break on equal
     *                priority prefers the higher
     */
    public VirtualRouter(RouterSettings settings, InetAddress primary, Scheduler scheduler, Actions actions) {
        this.settings = settings;
        this.primary = primary;
        this.scheduler = scheduler;
        this.actions = actions;
        this.masterAdverCentis = settings.intervalCentis();
    }

    public void start() {
        sinceMillis = scheduler.nowMillis();
        if (settings.priority() == 255) {
            toMaster("this box owns the addresses (priority 255)");
        } else {
            state = State.BACKUP;
            masterAdverCentis = settings.intervalCentis();
            armMasterDown(masterDownCentis());
            actions.becameBackup("started; waiting " + masterDownCentis() * 10 + " ms for a master");
        }
    }

    /**
     * New priority, preemption, interval or addresses for the same router (interface, VRID and family unchanged),
     * without leaving it: a master advertises the change at once, a backup applies it from the next advert heard.
     */
    public void update(RouterSettings next) {
        settings = next;
        if (state == State.MASTER) {
            actions.advertise(settings.priority());
            armAdver();
        } else if (state == State.BACKUP && master == null) {
            masterAdverCentis = settings.intervalCentis();
        }
    }

    /** Leaves the router: a master resigns with priority 0 so a backup takes over after its skew time. */
    public void shutdown() {
        cancelTimers();
        if (state == State.MASTER) {
            actions.advertise(0);
        }
        state = State.INITIALIZE;
    }

    /** An advertisement for this router from {@code from} (already checked: VRID, TTL 255, checksum). */
    public void received(Advert advert, InetAddress from) {
        if (from.equals(primary)) {
            return;
        }
        switch (state) {
            case BACKUP -> {
                if (advert.priority() == 0) {
                    armMasterDown(skewCentis());
                } else if (!settings.preempt() || advert.priority() >= settings.priority()) {
                    masterAdverCentis = Math.max(1, advert.intervalCentis());
                    master = from;
                    armMasterDown(masterDownCentis());
                }
            }
            case MASTER -> {
                if (advert.priority() == 0) {
                    actions.advertise(settings.priority());
                    armAdver();
                } else if (advert.priority() > settings.priority() || (advert.priority() == settings.priority()
                        && Arrays.compareUnsigned(from.getAddress(), primary.getAddress()) > 0)) {
                    cancel(adverTimer);
                    adverTimer = null;
                    masterAdverCentis = Math.max(1, advert.intervalCentis());
                    master = from;
                    state = State.BACKUP;
                    sinceMillis = scheduler.nowMillis();
                    armMasterDown(masterDownCentis());
                    actions.becameBackup("a better master " + Cidr.text(from) + " (priority "
                            + advert.priority() + ")");
                }
            }
            default -> {
            }
        }
    }

    public State state() {
        return state;
    }

    /** The master as far as this box knows: itself, the last accepted advert's sender, or null. */
    public InetAddress master() {
        return state == State.MASTER ? primary : master;
    }

    public long sinceMillis() {
        return sinceMillis;
    }

    public RouterSettings settings() {
        return settings;
    }

    int skewCentis() {
        return ((256 - settings.priority()) * masterAdverCentis) / 256;
    }

    int masterDownCentis() {
        return 3 * masterAdverCentis + skewCentis();
    }

    private void toMaster(String reason) {
        cancel(masterDownTimer);
        masterDownTimer = null;
        actions.advertise(settings.priority());
        state = State.MASTER;
        master = primary;
        sinceMillis = scheduler.nowMillis();
        actions.becameMaster(reason);
        armAdver();
    }

    private void armMasterDown(int centis) {
        cancel(masterDownTimer);
        masterDownTimer = scheduler.schedule(() -> {
            masterDownTimer = null;
            if (state == State.BACKUP) {
                toMaster(master == null ? "no master heard for " + centis * 10 + " ms"
                        : "master " + Cidr.text(master) + " silent for " + centis * 10 + " ms");
            }
        }, centis * 10L);
    }

    private void armAdver() {
        cancel(adverTimer);
        adverTimer = scheduler.schedule(() -> {
            adverTimer = null;
            if (state == State.MASTER) {
                actions.advertise(settings.priority());
                armAdver();
            }
        }, settings.intervalCentis() * 10L);
    }

    private void cancelTimers() {
        cancel(masterDownTimer);
        cancel(adverTimer);
        masterDownTimer = null;
        adverTimer = null;
    }

    private static void cancel(Runnable handle) {
        if (handle != null) {
            handle.run();
        }
    }
}
