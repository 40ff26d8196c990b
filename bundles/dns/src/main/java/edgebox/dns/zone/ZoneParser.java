package edgebox.dns.zone;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * RFC 1035 zone text (a file's content, or the {@code records} lines of a configuration) to a {@link ZoneIndex},
 * through dnsjava's {@link Master} ({@code $INCLUDE} disabled, default TTL 3600). Checks that every record is class IN
 * and inside the origin, that there is at most one SOA and it sits at the origin, that no CNAME shares its name with
 * other data, and that a DNAME is alone of its type at its name and has no names below it (RFC 6672 section 2.4: they
 * could never be reached). A zone without SOA gets {@code ns.ORIGIN
 * hostmaster.ORIGIN 1 3600 600 86400 300}, and without NS at the origin one NS naming the SOA's primary. Problems throw
 * IllegalArgumentException naming the object, the field and the reason.
 */
public final class ZoneParser {

    static final long DEFAULT_TTL = 3600;

    private ZoneParser() {
    }

    /**
     * {@code object} is the configuration (for messages), {@code field} where the text came from: {@code records},
     * or {@code file PATH}, whose syntax errors then read {@code object: file: PATH:LINE: reason}.
     */
    public static ZoneIndex parse(String object, String field, String origin, String text) {
        Name o = origin(object, origin);
        List<Record> records = new ArrayList<>();
        try (Master m = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), o, DEFAULT_TTL)) {
            m.disableIncludes();
            for (int i = 0; i < 1_000_000; i++) {
                Record r = m.nextRecord();
                if (r == null) {
                    break;
                }
                records.add(r);
            }
        } catch (IOException | RuntimeException e) {
            String reason = String.valueOf(e.getMessage());
            if (field.startsWith("file ") && reason.startsWith("<none>:")) {
                throw new IllegalArgumentException(object + ": file: " + field.substring(5) + reason.substring(6), e);
            }
            throw new IllegalArgumentException(object + ": " + field + ": " + reason, e);
        }
        return build(object, field, o, records);
    }

    static Name origin(String object, String origin) {
        try {
            Name o = Name.fromString(origin == null ? "" : origin.trim(), Name.root);
            if (o.equals(Name.root)) {
                throw new IllegalArgumentException(object + ": origin: the root zone is not served");
            }
            return o;
        } catch (TextParseException e) {
            throw new IllegalArgumentException(object + ": origin: \"" + origin + "\": " + e.getMessage(), e);
        }
    }

    static ZoneIndex build(String object, String field, Name origin, List<Record> parsed) {
        List<Record> records = new ArrayList<>();
        SOARecord soa = null;
        boolean ns = false;
        Set<Name> dnames = new HashSet<>();
        for (Record r : parsed) {
            String where = object + ": " + field + ": " + r.getName() + " " + Type.string(r.getType());
            if (r.getDClass() != DClass.IN) {
                throw new IllegalArgumentException(where + ": class " + DClass.string(r.getDClass()) + ", only IN");
            }
            if (!r.getName().subdomain(origin)) {
                throw new IllegalArgumentException(where + ": outside the origin " + origin);
            }
            if (r.getType() == Type.DNAME && !dnames.add(r.getName())) {
                throw new IllegalArgumentException(where + ": one DNAME allowed at a name (RFC 6672 section 2.4)");
            }
            if (r instanceof SOARecord s) {
                if (soa != null || !r.getName().equals(origin)) {
                    throw new IllegalArgumentException(where + ": one SOA allowed, at the origin " + origin);
                }
                soa = s;
            }
            ns |= r.getType() == Type.NS && r.getName().equals(origin);
            records.add(r);
        }
        belowDname(object, field, dnames, records);
        if (soa == null) {
            Name primary = Name.fromConstantString("ns." + origin);
            soa = new SOARecord(origin, DClass.IN, DEFAULT_TTL, primary,
                    Name.fromConstantString("hostmaster." + origin), 1, 3600, 600, 86400, 300);
            records.add(soa);
        }
        if (!ns) {
            records.add(new NSRecord(origin, DClass.IN, DEFAULT_TTL, soa.getHost()));
        }
        return ZoneIndex.of(object, field, origin, soa, records);
    }

    /** RFC 6672 section 2.4: no record may sit below a DNAME's owner. */
    private static void belowDname(String object, String field, Set<Name> dnames, List<Record> records) {
        if (dnames.isEmpty()) {
            return;
        }
        for (Record r : records) {
            for (Name owner = r.getName(); owner.labels() > 1; ) {
                owner = new Name(owner, 1);
                if (dnames.contains(owner)) {
                    throw new IllegalArgumentException(object + ": " + field + ": " + r.getName() + " "
                            + Type.string(r.getType()) + ": below the DNAME at " + owner
                            + ", where no name can exist (RFC 6672 section 2.4)");
                }
            }
        }
    }
}
