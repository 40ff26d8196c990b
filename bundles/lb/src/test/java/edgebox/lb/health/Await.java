package edgebox.lb.health;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for tests: waits until a condition holds, or fails with what was last seen. */
final class Await {

    private Await() {
    }

    static void until(String what, Duration limit, BooleanSupplier condition, Supplier<Object> seen) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("no " + what + " within " + limit + "; last seen: " + seen.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    /** Waits until the checker's view shows the target in this state; gives that target's health. */
    static TargetHealth state(HealthChecker checker, HealthTarget target, HealthState state, Duration limit) {
        until(target + " " + state, limit, () -> health(checker, target) != null
                && health(checker, target).state() == state, () -> health(checker, target));
        return health(checker, target);
    }

    static TargetHealth health(HealthChecker checker, HealthTarget target) {
        return checker.view().targets().stream().filter(t -> t.target().equals(target)).findFirst().orElse(null);
    }
}
