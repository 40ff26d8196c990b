package edgebox.lb.plan;

import edgebox.lb.maglev.MaglevTable;

/**
 * The settings the plan depends on: the Maglev table size (16381, 65537 or 131071) and the seed, the same on every
 * box so that boxes with the same Services pick the same backend for a flow.
 */
public record LbSettings(int tableSize, long seed) {

    public static final LbSettings DEFAULT = new LbSettings(MaglevTable.SIZE_DEFAULT, 0);

    public LbSettings {
        if (tableSize != MaglevTable.SIZE_SMALL && tableSize != MaglevTable.SIZE_DEFAULT
                && tableSize != MaglevTable.SIZE_LARGE) {
            throw new IllegalArgumentException("load balancer settings: tableSize: must be one of "
                    + MaglevTable.SIZE_SMALL + ", " + MaglevTable.SIZE_DEFAULT + ", " + MaglevTable.SIZE_LARGE
                    + ", was " + tableSize);
        }
    }
}
