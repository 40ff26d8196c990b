package edgebox.api.route;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The hostnames the proxy serves now. The provider swaps the whole list at once and then raises the service
 * property {@link #VERSION}, so a consumer bound with a DS {@code updated} method hears of every change.
 */
@ProviderType
public interface RouteTable {

    /** Service property: a number that grows with every change of {@link #hostnames()}. */
    String VERSION = "edgebox.route.version";

    /** An immutable list; one entry per hostname and Gateway. */
    List<RouteHostname> hostnames();
}
