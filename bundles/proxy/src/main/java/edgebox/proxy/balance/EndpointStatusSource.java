package edgebox.proxy.balance;

import java.util.List;

/** The running data plane's endpoints as its balancers and connection pools see them, for the console. */
public interface EndpointStatusSource {

    /** Every known endpoint of every cluster, by cluster name then address. */
    List<EndpointStatus> endpoints();
}
