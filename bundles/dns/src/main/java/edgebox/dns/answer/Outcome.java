package edgebox.dns.answer;

/** What the metrics and the query log say of one answered query: the question, the rcode, the answer count and who answered why. */
public record Outcome(String name, String type, int rcode, int answers, String source, String reason) {
}
