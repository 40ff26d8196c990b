package edgebox.lb;

import java.util.List;

import edgebox.lb.engine.EngineStatus;
import edgebox.lb.engine.FlowSample;
import edgebox.lb.health.HealthView;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.VipKey;

/** What the load balancer's commands and health entry see of it. */
public interface LbView {

    LbRunSettings settings();

    LbPlan plan();

    HealthView health();

    EngineStatus status();

    /** At most {@code limit} flows of the connection tables, of one virtual service or (null) all. */
    List<FlowSample> flows(VipKey service, int limit);

    /**
     * The problems of the current plan and health checks, a refused {@code edgebox.lb}, the host's errors and the
     * port errors of {@code status} (the caller's, so the ports are asked once), newest last.
     */
    List<String> problems(EngineStatus status);

    /** The last {@code edgebox.lb} written, refused with its reason; null when the settings in force are that one. */
    String refusal();

    /** Milliseconds the last plan took to compile, Maglev tables included. */
    double lastCompileMillis();
}
