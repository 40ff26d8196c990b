package edgebox.l2.plan;

/** A refused field: {@code edgebox.l2.vrrp~a: vrid: 300 is out of range 1-255}. */
public final class PlanProblem extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String object;
    private final String field;
    private final String reason;

    public PlanProblem(String object, String field, String reason) {
        super(object + ": " + field + ": " + reason);
        this.object = object;
        this.field = field;
        this.reason = reason;
    }

    public String object() {
        return object;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
