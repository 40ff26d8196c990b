package edgebox.acme.issue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

import edgebox.api.acme.Dns01Publisher;

/**
 * DNS-01 records by RFC 2136 dynamic update, signed with TSIG (RFC 8945), sent to the zone's primary: the zone is
 * the owner of the SOA the server returns for the record's name; a record is added with its own value and deleted
 * by that value, so a wildcard and its apex share the name. Any rcode but NOERROR throws with the rcode's name.
 */
public final class Rfc2136Dns01 implements Dns01Publisher {

    /** cert-manager's tsigAlgorithm names to the TSIG algorithm names. */
    public static final Map<String, Name> ALGORITHMS = Map.of("HMACMD5", TSIG.HMAC_MD5, "HMACSHA1", TSIG.HMAC_SHA1,
            "HMACSHA224", TSIG.HMAC_SHA224, "HMACSHA256", TSIG.HMAC_SHA256, "HMACSHA384", TSIG.HMAC_SHA384,
            "HMACSHA512", TSIG.HMAC_SHA512);

    private final SimpleResolver resolver;
    private final String server;

    /** {@code nameserver} as {@code host:port} or {@code host} (port 53); {@code keyName} null for no TSIG. */
    public Rfc2136Dns01(String nameserver, String keyName, String algorithm, String base64Secret) {
        this.server = nameserver;
        try {
            int colon = nameserver.lastIndexOf(':');
            boolean port = colon > 0 && nameserver.indexOf(':') == colon;
            String host = port ? nameserver.substring(0, colon) : nameserver.replaceAll("^\\[|\\]$", "");
            resolver = new SimpleResolver(new InetSocketAddress(host, port
                    ? Integer.parseInt(nameserver.substring(colon + 1)) : 53));
            resolver.setTimeout(Duration.ofSeconds(5));
            resolver.setTCP(true);
            if (keyName != null && !keyName.isEmpty()) {
                Name alg = ALGORITHMS.get(algorithm == null ? "HMACSHA256" : algorithm.toUpperCase(Locale.ROOT));
                if (alg == null) {
                    throw new IllegalArgumentException("unknown TSIG algorithm " + algorithm);
                }
                resolver.setTSIGKey(new TSIG(alg, keyName.endsWith(".") ? keyName : keyName + ".", base64Secret));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("rfc2136 " + nameserver + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String name, String value) {
        Name owner = name(name);
        Update u = new Update(zoneOf(owner));
        u.add(new TXTRecord(owner, DClass.IN, 60, value));
        send(u, "add TXT " + owner);
    }

    @Override
    public void withdraw(String name, String value) {
        Name owner = name(name);
        Update u = new Update(zoneOf(owner));
        u.delete(new TXTRecord(owner, DClass.IN, 0, value));
        send(u, "delete TXT " + owner);
    }

    /** The zone: the owner of the SOA in the answer or authority section of a SOA query for {@code owner}. */
    private Name zoneOf(Name owner) {
        Message reply = send(Message.newQuery(Record.newRecord(owner, Type.SOA, DClass.IN)), null);
        if (reply.getRcode() != Rcode.NOERROR && reply.getRcode() != Rcode.NXDOMAIN) {
            throw new IllegalStateException("rfc2136 " + server + ": SOA query for " + owner + ": "
                    + Rcode.string(reply.getRcode()));
        }
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            for (Record r : reply.getSection(section)) {
                if (r.getType() == Type.SOA) {
                    return r.getName();
                }
            }
        }
        throw new IllegalStateException("rfc2136 " + server + ": no zone holds " + owner + " ("
                + Rcode.string(reply.getRcode()) + ")");
    }

    private Message send(Message m, String what) {
        Message reply;
        try {
            reply = resolver.send(m);
        } catch (IOException e) {
            throw new IllegalStateException("rfc2136 " + server + ": " + (what == null ? "SOA query" : what) + ": "
                    + e.getMessage(), e);
        }
        if (what != null && reply.getRcode() != Rcode.NOERROR) {
            throw new IllegalStateException("rfc2136 " + server + ": " + what + ": " + Rcode.string(reply.getRcode()));
        }
        return reply;
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + text, e);
        }
    }
}
