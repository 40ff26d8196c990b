package edgebox.config.history;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code config:history} shows of a revision.
 *
 * @param number  its number, one more than the revision before
 * @param time    when it was applied
 * @param who     who made it: a console user and session, {@code file etc/NAME}, {@code rollback to N by ...} or
 *                {@code import FILE by ...}
 * @param summary what changed, on one line, secrets left out
 */
public record RevisionInfo(int number, Instant time, String who, String summary) {

    public RevisionInfo {
        Objects.requireNonNull(time, "time");
        who = oneLine(who);
        summary = oneLine(summary);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
