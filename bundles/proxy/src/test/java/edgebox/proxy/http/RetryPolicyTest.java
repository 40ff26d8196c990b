package edgebox.proxy.http;

import static edgebox.proxy.http.RetryPolicy.AfterFailure.GIVE_UP;
import static edgebox.proxy.http.RetryPolicy.AfterFailure.RETRY;
import static edgebox.proxy.http.RetryPolicy.AfterFailure.RETRY_STALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import edgebox.proxy.http.RetryPolicy.AfterFailure;
import edgebox.proxy.http.RetryPolicy.GiveUp;
import edgebox.proxy.route.RouteDecision.Retry;
import org.junit.jupiter.api.Test;

/** {@link RetryPolicy}: route settings and counts so far in, what follows out. */
class RetryPolicyTest {

    private static final Retry TWICE_ON_503 = new Retry(Set.of(503), 2, Duration.ofMillis(10));

    @Test
    void aListedStatusIsTriedAgainWhileTriesAreLeftAndTheRequestCanBeSentAgain() {
        assertTrue(RetryPolicy.retryOnStatus(TWICE_ON_503, true, 0, 503));
        assertTrue(RetryPolicy.retryOnStatus(TWICE_ON_503, true, 1, 503));
        assertFalse(RetryPolicy.retryOnStatus(TWICE_ON_503, true, 2, 503), "no tries left");
        assertFalse(RetryPolicy.retryOnStatus(TWICE_ON_503, true, 0, 502), "code not listed");
        assertFalse(RetryPolicy.retryOnStatus(TWICE_ON_503, false, 0, 503), "streamed body");
        assertFalse(RetryPolicy.retryOnStatus(Retry.NONE, true, 0, 503), "no retry on the route");
    }

    private record Failure(Retry retry, boolean replay, int retries, boolean staleRetried, boolean connect,
            boolean reused, AfterFailure expected) {
    }

    @Test
    void aFailureBeforeAnyAnswer() {
        List<Failure> table = List.of(
                // a reused pooled connection may be stale: once more at once, whatever the route says
                new Failure(Retry.NONE, true, 0, false, false, true, RETRY_STALE),
                new Failure(Retry.NONE, true, 0, true, false, true, GIVE_UP),
                new Failure(TWICE_ON_503, true, 0, true, false, true, RETRY),
                // a fresh connection that failed is not stale
                new Failure(Retry.NONE, true, 0, false, false, false, GIVE_UP),
                new Failure(Retry.NONE, true, 0, false, true, false, GIVE_UP),
                new Failure(TWICE_ON_503, true, 0, false, true, false, RETRY),
                new Failure(TWICE_ON_503, true, 2, false, true, false, GIVE_UP),
                // a streamed body cannot be sent again
                new Failure(TWICE_ON_503, false, 0, false, false, true, GIVE_UP),
                new Failure(TWICE_ON_503, false, 0, false, true, false, GIVE_UP));
        for (Failure f : table) {
            assertEquals(f.expected(), RetryPolicy.afterFailure(f.retry(), f.replay(), f.retries(), f.staleRetried(),
                    f.connect(), f.reused()), f.toString());
        }
    }

    @Test
    void backoffAndDeadlinesInNanosecondsWithZeroForNone() {
        assertEquals(10_000_000L, RetryPolicy.backoffNanos(TWICE_ON_503));
        assertEquals(0, RetryPolicy.backoffNanos(Retry.NONE));
        assertEquals(0, RetryPolicy.backoffNanos(new Retry(Set.of(503), 1, null)));
        assertEquals(0, RetryPolicy.backoffNanos(new Retry(Set.of(503), 1, Duration.ofMillis(-5))));
        assertEquals(2_000_000_000L, RetryPolicy.deadlineNanos(Duration.ofSeconds(2)));
        assertEquals(0, RetryPolicy.deadlineNanos(null));
        assertEquals(0, RetryPolicy.deadlineNanos(Duration.ZERO));
        assertEquals(1, RetryPolicy.deadlineNanos(Duration.ofNanos(-1)), "a deadline in the past is due at once");
    }

    @Test
    void givingUpAnswersWithTheReasonsStatusAndFlag() {
        assertEquals(503, GiveUp.NO_HEALTHY_UPSTREAM.status());
        assertEquals("UH", GiveUp.NO_HEALTHY_UPSTREAM.flag());
        assertEquals("no healthy upstream in ns/web:80", GiveUp.NO_HEALTHY_UPSTREAM.reason("ns/web:80"));
        assertEquals("UF", GiveUp.CONNECT_ERROR.flag());
        assertEquals("upstream connect error: refused", GiveUp.CONNECT_ERROR.reason("refused"));
        assertEquals("UC", GiveUp.UPSTREAM_RESET.flag());
        assertEquals(504, GiveUp.REQUEST_TIMEOUT.status());
        assertEquals("UT", GiveUp.REQUEST_TIMEOUT.flag());
        assertEquals("upstream request timeout", GiveUp.REQUEST_TIMEOUT.reason(null));
        assertNull(GiveUp.BACKEND_REQUEST_TIMEOUT.flag(), "a backendRequest timeout leaves the flags as they are");
        assertEquals(502, GiveUp.INVALID_RESPONSE.status());
        assertEquals("UPE", GiveUp.INVALID_RESPONSE.flag());
    }
}
