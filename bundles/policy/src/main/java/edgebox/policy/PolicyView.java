package edgebox.policy;

import edgebox.api.objects.ObjectSnapshot;
import edgebox.policy.engine.CompiledPolicies;
import edgebox.policy.engine.PolicyCounters;

/** What the console, the health entry and the metrics read of the running policy engine. */
public interface PolicyView {

    /** The compilation in force. */
    CompiledPolicies current();

    PolicyCounters counters();

    /** The objects snapshot the compilation in force was made from. */
    ObjectSnapshot snapshot();

    /** Whether the configurations Config Admin held at start are in and the decision point decides. */
    boolean ready();
}
