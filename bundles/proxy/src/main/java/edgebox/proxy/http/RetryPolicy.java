package edgebox.proxy.http;

import java.time.Duration;

import javax.net.ssl.SSLException;

import edgebox.proxy.route.RouteDecision.Retry;

/**
 * An HTTPRoute's retry and timeout rules as decisions for a forwarded {@link Exchange}: whether a response status is
 * tried again, what follows an attempt that failed before any response, the backoff, the deadlines, and the answer
 * when the exchange gives up. Pure functions of the route's settings and of what the exchange counted so far;
 * {@link Forwarding} keeps the counts and acts on the outcome. No I/O, no clock.
 */
final class RetryPolicy {

    /** What follows an attempt that failed before any response head. */
    enum AfterFailure {
        /** A reused pooled connection may have gone stale: one more try at once, not counted as a retry. */
        RETRY_STALE,
        /** A counted retry, after the backoff. */
        RETRY,
        /** No try left: the exchange gives up. */
        GIVE_UP
    }

    /**
     * Why an exchange gave up on its upstream: the access log's flag ({@code null} leaves the flag as it is) and the
     * status and reason the client gets when no response went downstream yet; after that the downstream is cut.
     */
    enum GiveUp {
        NO_HEALTHY_UPSTREAM("UH", 503, "no healthy upstream in "),
        CONNECT_ERROR("UF", 503, "upstream connect error: "),
        /** The endpoint is at its connection cap and its wait queue full, or the wait timed out; never retried. */
        OVERLOADED("UO", 503, "upstream overloaded: "),
        UPSTREAM_TLS_ERROR("UF", 503, "upstream TLS error: "),
        UPSTREAM_RESET("UC", 503, "upstream reset before response: "),
        REQUEST_TIMEOUT("UT", 504, "upstream request timeout"),
        BACKEND_REQUEST_TIMEOUT(null, 504, "upstream request timeout"),
        INVALID_RESPONSE("UPE", 502, "invalid response from the backend");

        private final String flag;
        private final int status;
        private final String reason;

        GiveUp(String flag, int status, String reason) {
            this.flag = flag;
            this.status = status;
            this.reason = reason;
        }

        String flag() {
            return flag;
        }

        int status() {
            return status;
        }

        /** The answer's text: the reason, followed by {@code detail} (a cause, a cluster) when there is one. */
        String reason(String detail) {
            return detail == null || detail.isEmpty() ? reason : reason + detail;
        }
    }

    private RetryPolicy() {
    }

    /** A final response head is tried again when the request can be replayed, tries are left and its code is listed. */
    static boolean retryOnStatus(Retry retry, boolean replay, int retries, int status) {
        return replay && retries < retry.attempts() && retry.codes().contains(status);
    }

    /**
     * An attempt failed before any response head: at connect ({@code connect}) or after the request went out on a
     * connection that served earlier requests ({@code reused}).
     */
    static AfterFailure afterFailure(Retry retry, boolean replay, int retries, boolean staleRetried, boolean connect,
            boolean reused) {
        if (!connect && reused && replay && !staleRetried) {
            return AfterFailure.RETRY_STALE;
        }
        if (replay && retries < retry.attempts()) {
            return AfterFailure.RETRY;
        }
        return AfterFailure.GIVE_UP;
    }

    /**
     * Why a failed attempt failed, when it was about TLS (a handshake the backend's certificate failed, a
     * BackendTLSPolicy whose CA references do not resolve): the innermost message of the chain, which names the
     * certificate problem where the engine's own message does not; null when the failure was not about TLS.
     */
    static String tlsFailure(Throwable cause) {
        boolean tls = false;
        String reason = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            tls |= t instanceof SSLException;
            if (t.getMessage() != null) {
                reason = t.getMessage();
            }
        }
        return tls ? reason : null;
    }

    /** The pause before a counted retry, in nanoseconds; 0 for none. */
    static long backoffNanos(Retry retry) {
        Duration b = retry.backoff();
        return b == null || b.isZero() || b.isNegative() ? 0 : b.toNanos();
    }

    /** The delay of a route's request or backendRequest deadline, in nanoseconds; 0 when it sets none. */
    static long deadlineNanos(Duration timeout) {
        return timeout == null || timeout.isZero() ? 0 : Math.max(1, timeout.toNanos());
    }
}
