package edgebox.policy.model;

/** The transport a port rule names; ANY stands for both. */
public enum Protocol {
    TCP, UDP, ANY;

    public boolean covers(Protocol other) {
        return this == ANY || this == other;
    }
}
