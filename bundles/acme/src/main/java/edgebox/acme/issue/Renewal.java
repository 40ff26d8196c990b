package edgebox.acme.issue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import edgebox.acme.model.CertificateSpec;

/**
 * When to renew a certificate: inside the server's ARI window when it offers one (RFC 9773 section 4.2: a uniformly
 * random moment of the window), else {@code renewBefore} or {@code renewBeforePercentage} before notAfter, else at
 * two thirds of the lifetime; the last three moved earlier by a jitter of up to 1% of the time from notBefore to that
 * moment (at most one hour), so that many certificates issued together do not renew together, and a renewal is
 * never jittered to before its certificate began.
 */
public final class Renewal {

    private Renewal() {
    }

    public static Instant next(CertificateSpec spec, X509Certificate leaf, Instant[] ariWindow, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        if (ariWindow != null && !ariWindow[1].isBefore(ariWindow[0])) {
            long span = Duration.between(ariWindow[0], ariWindow[1]).toMillis();
            return ariWindow[0].plusMillis(span == 0 ? 0 : random.nextLong(span + 1));
        }
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        Duration lifetime = Duration.between(notBefore, notAfter);
        Instant at;
        if (spec.renewBefore() != null && spec.renewBefore().compareTo(lifetime) < 0) {
            at = notAfter.minus(spec.renewBefore());
        } else if (spec.renewBeforePercentage() > 0) {
            at = notAfter.minus(lifetime.multipliedBy(spec.renewBeforePercentage()).dividedBy(100));
        } else {
            at = notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
        }
        long jitter = Math.min(Duration.between(notBefore, at).toMillis() / 100, Duration.ofHours(1).toMillis());
        return at.minusMillis(jitter <= 0 ? 0 : random.nextLong(jitter + 1));
    }
}
