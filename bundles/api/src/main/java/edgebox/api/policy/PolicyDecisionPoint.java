package edgebox.api.policy;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Consulted on the data path, on an event loop: both methods must answer from precompiled state at once, without
 * blocking or I/O. A denied connection is closed; a denied request is answered 403.
 */
@ConsumerType
public interface PolicyDecisionPoint {

    Verdict connection(Flow flow);

    Verdict request(HttpRequestInfo request);
}
