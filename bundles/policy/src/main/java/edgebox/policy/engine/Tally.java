package edgebox.policy.engine;

import java.util.concurrent.atomic.LongAdder;

/** What one policy decided since the box started: counted on the data paths, read by metrics and the console. */
public final class Tally {

    final LongAdder allowed = new LongAdder();
    final LongAdder denied = new LongAdder();
    final LongAdder audited = new LongAdder();

    public long allowed() {
        return allowed.sum();
    }

    public long denied() {
        return denied.sum();
    }

    /** Would-be denies of an audit-mode policy, let through. */
    public long audited() {
        return audited.sum();
    }
}
