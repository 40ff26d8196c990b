package edgebox.dns.answer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import edgebox.api.net.Cidr;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The ordered answer sources, then the forwarder. The first source with something to say answers, except that a
 * yielding negative answer (a name missing from a zone) lets the later local sources speak first; names inside an
 * authoritative zone are never forwarded. CNAME targets are chased through the whole chain, at most {@value #MAX_CHASE}
 * links, ending at a loop; a target no local source claims is forwarded only when the client asked for recursion (RD),
 * else the alias answers alone, as an authoritative server's does. Clients outside the recursion networks get REFUSED
 * for names no local source claims.
 * Immutable: the component builds a new chain for every change and swaps it whole.
 */
public final class Chain {

    public static final int MAX_CHASE = 8;
    static final String FORWARD = "forward";

    /** The end of a chase whose target only the forwarder could answer, for a client that did not set RD. */
    private static final Answer NOT_DESIRED = Answer.error(Rcode.REFUSED, "policy",
            "recursion not desired (RD clear): the CNAME target is not chased through the forwarder");

    private final List<Source> sources;
    private final List<Cidr> recursionNetworks;
    private final Upstream upstream;
    private final long version;
    private final boolean clientSpecific;

    /** {@code upstream} may be null: names no local source claims are then answered SERVFAIL. */
    public Chain(List<Source> sources, List<Cidr> recursionNetworks, Upstream upstream, long version) {
        this.sources = List.copyOf(sources);
        this.recursionNetworks = List.copyOf(recursionNetworks);
        this.upstream = upstream;
        this.version = version;
        this.clientSpecific = sources.stream().anyMatch(Source::clientSpecific);
    }

    public long version() {
        return version;
    }

    public boolean recursionAllowed(java.net.InetAddress client) {
        return Cidr.anyContains(recursionNetworks, client);
    }

    /** True when some source answers some clients differently from others. */
    public boolean clientSpecific() {
        return clientSpecific;
    }

    /**
     * Changes whenever an answer may change without a new chain: the forwarder's epoch ({@link Upstream#epoch}) and
     * the versions of sources that change in place ({@link Source#version}).
     */
    public long epoch() {
        long e = upstream == null ? 0 : upstream.epoch();
        for (Source s : sources) {
            e = e * 31 + s.version();
        }
        return e;
    }

    public boolean forwards() {
        return upstream != null;
    }

    public List<Cidr> recursionNetworks() {
        return recursionNetworks;
    }

    /** What the local sources say, without chasing and without forwarding; {@code null} when none claims the name. */
    public Answer local(Query query) {
        Answer held = null;
        for (Source s : sources) {
            Answer a = s.answer(query);
            if (a == null) {
                continue;
            }
            if (!a.yielding()) {
                return a;
            }
            if (held == null) {
                held = a;
            }
        }
        return held;
    }

    /**
     * True when the local sources answer the query, every CNAME of it included, without the forwarder: the answer
     * then depends only on this chain.
     */
    public boolean answersLocally(Query query) {
        Query q = query;
        Set<Name> seen = new HashSet<>();
        for (int depth = 0; depth <= MAX_CHASE; depth++) {
            Answer a = local(q);
            if (a == null) {
                return false;
            }
            if (a.chase() == null || q.type() == Type.CNAME || !seen.add(q.name()) || seen.contains(a.chase())) {
                return true;
            }
            q = q.forName(a.chase());
        }
        return true;
    }

    /**
     * The full answer: local sources, CNAME chase, then forwarding. {@code original} is the client's message, passed
     * to the forwarder as it is (its DO and CD bits count) when the question itself is forwarded.
     */
    public CompletableFuture<Answer> resolve(Query query, Message original) {
        boolean recursionDesired = original == null || original.getHeader().getFlag(Flags.RD);
        return resolve(query, original, 0, null, recursionDesired);
    }

    /** {@code seen}: the owner names of the chain so far (null before the first CNAME), to stop at a loop. */
    private CompletableFuture<Answer> resolve(Query query, Message original, int depth, Set<Name> seen,
            boolean recursionDesired) {
        Answer a = local(query);
        if (a == null) {
            return depth > 0 && !recursionDesired ? CompletableFuture.completedFuture(NOT_DESIRED)
                    : forward(query, original);
        }
        if (a.chase() == null || query.type() == Type.CNAME) {
            return CompletableFuture.completedFuture(a);
        }
        Set<Name> chain = seen == null ? new HashSet<>() : seen;
        chain.add(query.name());
        if (chain.contains(a.chase())) {
            return CompletableFuture.completedFuture(a);
        }
        if (depth >= MAX_CHASE) {
            return CompletableFuture.completedFuture(a.followedBy(Answer.error(Rcode.SERVFAIL, "chain",
                    "CNAME chain longer than " + MAX_CHASE)));
        }
        return resolve(query.forName(a.chase()), null, depth + 1, chain, recursionDesired)
                .thenApply(target -> link(a, target));
    }

    /**
     * An alias followed by what its target resolved to. A loop ends the chain with the alias (as Knot does). A target
     * the forwarder could not answer positively (an error, NXDOMAIN, NODATA) leaves the alias alone, NOERROR with
     * its own authority: another server's negative answer never turns a zone's own answer into NXDOMAIN.
     */
    private static Answer link(Answer alias, Answer target) {
        if (target.rcode() == Rcode.REFUSED) {
            return alias;
        }
        if (FORWARD.equals(target.source()) && (target.rcode() != Rcode.NOERROR || target.answers().isEmpty())) {
            return alias;
        }
        return alias.followedBy(target);
    }

    private CompletableFuture<Answer> forward(Query query, Message original) {
        if (!query.recursionAllowed()) {
            return CompletableFuture.completedFuture(Answer.error(Rcode.REFUSED, "policy",
                    "recursion not allowed for " + query.client().getHostAddress()));
        }
        if (upstream == null) {
            return CompletableFuture.completedFuture(Answer.error(Rcode.SERVFAIL, FORWARD,
                    "no forwarder configured"));
        }
        Message m = original != null ? original
                : Message.newQuery(Record.newRecord(query.name(), query.type(), DClass.IN));
        CompletableFuture<Message> f;
        try {
            f = upstream.forward(m);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.handle((reply, failure) -> failure != null || reply == null
                ? Answer.error(Rcode.SERVFAIL, FORWARD, "upstream failed: " + reason(failure))
                : new Answer(reply.getRcode(), reply.getSection(org.xbill.DNS.Section.ANSWER),
                        reply.getSection(org.xbill.DNS.Section.AUTHORITY), false, FORWARD,
                        "upstream " + Rcode.string(reply.getRcode()), null, false, reply));
    }

    private static String reason(Throwable t) {
        if (t == null) {
            return "no reply";
        }
        Throwable c = t.getCause() != null && t instanceof java.util.concurrent.CompletionException ? t.getCause() : t;
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
