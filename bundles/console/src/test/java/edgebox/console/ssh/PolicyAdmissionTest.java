package edgebox.console.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;

class PolicyAdmissionTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 40123);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("172.16.1.60", 8101);

    private final AtomicReference<PolicyDecisionPoint> policy = new AtomicReference<>();
    private final List<String> lines = new ArrayList<>();
    private final PolicyAdmission admission =
            new PolicyAdmission(policy::get, new RateLimitedLog(10, System::nanoTime, lines::add));

    @Test
    void asksForTheConsoleWithTheAddressAndPortTheConnectionArrivedOn() {
        TestPolicy allow = TestPolicy.always(Decision.ALLOW);
        policy.set(allow);
        assertTrue(admission.admits(CLIENT, LOCAL));
        assertEquals(List.of("console 192.0.2.7 -> 172.16.1.60:8101/6"), allow.asked);
        assertEquals(0, admission.refused());
        assertEquals(List.of(), lines);
    }

    @Test
    void deniedIsRefusedCountedAndLoggedWithClientAndFunction() {
        policy.set(TestPolicy.always(Decision.DENY));
        AtomicInteger metric = new AtomicInteger();
        admission.onRefused(metric::incrementAndGet);
        assertFalse(admission.admits(CLIENT, LOCAL));
        assertEquals(1, admission.refused());
        assertEquals(1, metric.get());
        assertEquals(List.of("console: policy denies 192.0.2.7:40123 reaching ssh on 172.16.1.60:8101 "
                + "(function console): connection closed before the version exchange"), lines);
    }

    @Test
    void requestsAdmitsSinceSshCarriesNoHttp() {
        policy.set(TestPolicy.always(Decision.REQUESTS));
        assertTrue(admission.admits(CLIENT, LOCAL));
        assertEquals(0, admission.refused());
    }

    @Test
    void withoutADecisionPointEveryoneIsAdmitted() {
        assertTrue(admission.admits(CLIENT, LOCAL));
        assertEquals(0, admission.refused());
    }
}
