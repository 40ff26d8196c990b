package edgebox.dns.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

import edgebox.dns.answer.Query;

class AcmeChallengesTest {

    static Query q(String name, int type) throws Exception {
        return new Query(Name.fromString(name), type, InetAddress.getByName("203.0.113.9"), false);
    }

    @Test
    void publishedValuesAreServedAtOnceAndWithdrawn() throws Exception {
        AcmeChallenges acme = new AcmeChallenges();
        acme.publish("_acme-challenge.ragas.cc.", "token-wildcard");
        acme.publish("_acme-challenge.ragas.cc.", "token-apex");
        var a = acme.answer(q("_acme-challenge.ragas.cc.", Type.TXT));
        assertEquals(2, a.answers().size());
        assertEquals(0, a.answers().get(0).getTTL());
        assertTrue(acme.answer(q("_acme-challenge.ragas.cc.", Type.A)).answers().isEmpty());
        acme.withdraw("_acme-challenge.ragas.cc.", "token-wildcard");
        acme.withdraw("_acme-challenge.ragas.cc.", "token-apex");
        assertNull(acme.answer(q("_acme-challenge.ragas.cc.", Type.TXT)));
    }

    @Test
    void onlyChallengeNamesArePublished() {
        assertThrows(IllegalArgumentException.class, () -> new AcmeChallenges().publish("www.ragas.cc.", "x"));
    }
}
