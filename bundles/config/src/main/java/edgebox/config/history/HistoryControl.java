package edgebox.config.history;

import java.time.Duration;
import java.util.List;

/** What the console asks of the configuration history. Plain: no OSGi types. */
public interface HistoryControl {

    /**
     * What {@code config:history} shows.
     *
     * @param revisions the newest revisions asked for, newest first
     * @param kept      how many revisions are kept in all
     * @param probation the commit-confirm in force, or {@code null}
     */
    record Listing(List<RevisionInfo> revisions, int kept, Probation probation) {

        public Listing {
            revisions = List.copyOf(revisions);
        }
    }

    /** What {@code config:diff} shows: two revisions and what changed from the first to the second. */
    record Compared(RevisionInfo from, RevisionInfo to, ConfigDiff diff) {
    }

    Listing history(int count) throws Exception;

    /** From revision {@code from} to revision {@code to}; throws {@code Refused} naming a revision not kept. */
    Compared diff(int from, int to) throws Exception;

    /** What revision {@code number} changed: from the revision before it. */
    Compared diff(int number) throws Exception;

    /** Makes revision {@code number} the configuration in force, live; throws {@code Refused} when it cannot. */
    String rollback(int number, String user) throws Exception;

    /** Puts the changes from now on on probation for {@code length}. */
    String commitConfirm(Duration length, String user) throws Exception;

    /** Ends the probation: the changes stay. */
    String confirm(String user) throws Exception;

    /** Writes the configuration in force to {@code file} (relative to the home). */
    String exportTo(String file, String user) throws Exception;

    /** Makes the configuration of an export the one in force, live; throws {@code Refused} changing nothing. */
    String importFrom(String file, String user) throws Exception;
}
