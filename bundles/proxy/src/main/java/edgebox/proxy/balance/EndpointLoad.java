package edgebox.proxy.balance;

/**
 * What the upstream connection pools know of one endpoint address, over all event loops: connections open against
 * the per-endpoint cap and requests waiting for one. The balancer prefers endpoints that are not {@link #full()}.
 */
public interface EndpointLoad {

    /** The load of an address no pool tracks: never full. */
    EndpointLoad NONE = new EndpointLoad() {
        @Override
        public boolean full() {
            return false;
        }

        @Override
        public int connections() {
            return 0;
        }

        @Override
        public int waiting() {
            return 0;
        }
    };

    /** True when the endpoint has as many connections open as its cap allows. */
    boolean full();

    int connections();

    int waiting();
}
