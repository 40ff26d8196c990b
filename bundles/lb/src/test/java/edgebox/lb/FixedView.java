package edgebox.lb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import edgebox.lb.engine.EngineStatus;
import edgebox.lb.engine.FlowSample;
import edgebox.lb.health.HealthView;
import edgebox.lb.plan.LbPlan;
import edgebox.lb.plan.VipKey;

/** What the health entry and the commands see of the load balancer, fixed by a test; it notes each flows limit. */
public final class FixedView implements LbView {

    private final LbRunSettings settings;
    private final LbPlan plan;
    private final EngineStatus status;
    private final List<String> problems;
    private final String refusal;
    private final List<FlowSample> flows;
    private final List<Integer> flowLimits = new ArrayList<>();

    public FixedView(List<String> interfaces, LbPlan plan, EngineStatus status, List<String> problems,
            String refusal, List<FlowSample> flows) {
        this.settings = LbRunSettingsTest.read(Map.of("interfaces", interfaces.toArray(String[]::new)));
        this.plan = plan;
        this.status = status;
        this.problems = List.copyOf(problems);
        this.refusal = refusal;
        this.flows = List.copyOf(flows);
    }

    /** The limits {@link #flows} was called with, in order. */
    public List<Integer> flowLimits() {
        return flowLimits;
    }

    @Override
    public LbRunSettings settings() {
        return settings;
    }

    @Override
    public LbPlan plan() {
        return plan;
    }

    @Override
    public HealthView health() {
        return HealthView.EMPTY;
    }

    @Override
    public EngineStatus status() {
        return status;
    }

    @Override
    public List<FlowSample> flows(VipKey service, int limit) {
        flowLimits.add(limit);
        return flows.stream().filter(f -> service == null || f.service().equals(service)).limit(limit).toList();
    }

    @Override
    public List<String> problems(EngineStatus status) {
        return problems;
    }

    @Override
    public String refusal() {
        return refusal;
    }

    @Override
    public double lastCompileMillis() {
        return 0;
    }
}
