package edgebox.l2.run;

/** What the announcer reports as it works: metrics and events. Called from the announcer's threads. */
public interface Observer {

    void arpReplied(String iface);

    void ndpReplied(String iface);

    void garpSent(String iface);

    void transition(String router, String state);

    Observer NONE = new Observer() {
        @Override
        public void arpReplied(String iface) {
        }

        @Override
        public void ndpReplied(String iface) {
        }

        @Override
        public void garpSent(String iface) {
        }

        @Override
        public void transition(String router, String state) {
        }
    };
}
