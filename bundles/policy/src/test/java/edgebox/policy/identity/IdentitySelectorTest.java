package edgebox.policy.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import edgebox.api.objects.LabelSelector;
import edgebox.api.objects.LabelSelector.Requirement;
import edgebox.policy.model.Entity;

class IdentitySelectorTest {

    static final Map<String, Identity> IDENTITIES = new LinkedHashMap<>();

    static {
        IDENTITIES.put("web", new Identity(256, "", Map.of("app", "web", "tier", "front",
                "io.kubernetes.pod.namespace", "default")));
        IDENTITIES.put("api", new Identity(257, "", Map.of("app", "api", "io.kubernetes.pod.namespace", "default")));
        IDENTITIES.put("bare", new Identity(258, "", Map.of("io.kubernetes.pod.namespace", "shop")));
        IDENTITIES.put("host", Identity.HOST);
        IDENTITIES.put("world", Identity.WORLD);
    }

    /** {@code key=value} pairs for matchLabels, {@code key Operator v1|v2} for one expression; ';' between. */
    static LabelSelector selector(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        List<Requirement> expressions = new ArrayList<>();
        for (String part : text.isBlank() ? new String[0] : text.split(";")) {
            String[] words = part.strip().split(" ");
            if (words.length == 1) {
                int eq = words[0].lastIndexOf('=');
                labels.put(words[0].substring(0, eq), words[0].substring(eq + 1));
            } else {
                expressions.add(new Requirement(words[0], words[1],
                        words.length > 2 ? List.of(words[2].split("\\|")) : List.of()));
            }
        }
        return new LabelSelector(labels, expressions);
    }

    static String selected(String text) {
        IdentitySelector s = IdentitySelector.of(selector(text));
        List<String> names = new ArrayList<>();
        IDENTITIES.forEach((name, identity) -> {
            if (s.selects(identity)) {
                names.add(name);
            }
        });
        return String.join(" ", names);
    }

    @ParameterizedTest(name = "{0} selects [{1}]")
    @CsvSource(delimiter = ',', nullValues = "-", value = {
            "'', web api bare host world",
            "app=web, web",
            "k8s:app=web, web",
            "any:app=web, web",
            "app=web; tier=front, web",
            "app=web; tier=back, ''",
            "app=, ''",
            "io.kubernetes.pod.namespace=default, web api",
            "k8s:io.kubernetes.pod.namespace=shop, bare",
            "app In web|api, web api",
            "k8s:app In api, api",
            "app NotIn web, api bare host world",
            "app NotIn web|api, bare host world",
            "app Exists, web api",
            "any:tier Exists, web",
            "app DoesNotExist, bare host world",
            "app In web|api; tier DoesNotExist, api",
            "app=web; app NotIn web, ''",
            "reserved:host=, host",
            "reserved:world=, world",
            "reserved:host=x, ''",
            "reserved:host Exists, host",
            "reserved:world DoesNotExist, web api bare host",
            "reserved:host In |x, host",
            "host Exists, ''",
            "k8s:world Exists, ''",
    })
    void selectsAsKubernetesAndCiliumDefineIt(String selector, String expected) {
        assertEquals(expected, selected(selector));
    }

    @ParameterizedTest(name = "{0} selects [{1}]")
    @CsvSource(delimiter = ',', value = {"HOST, host", "WORLD, world", "ALL, web api bare host world"})
    void entitiesSelectAsCiliumMapsThem(Entity entity, String expected) {
        IdentitySelector s = IdentitySelector.of(entity);
        assertEquals(expected, String.join(" ", IDENTITIES.entrySet().stream()
                .filter(e -> s.selects(e.getValue())).map(Map.Entry::getKey).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ',', value = {
            "app=web",
            "app In web|api",
            "app NotIn web",
            "tier Exists",
            "tier DoesNotExist; app=api",
            "io.kubernetes.pod.namespace In shop|default; app NotIn api",
    })
    void plainKeysAgreeWithTheApisLabelSelector(String text) {
        LabelSelector s = selector(text);
        for (Identity identity : IDENTITIES.values()) {
            if (!identity.isReserved()) {
                assertEquals(s.matches(identity.labels()), IdentitySelector.of(s).selects(identity), identity + "");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ',', value = {
            "cidr:10.0.0.0/8=, 'label key \"cidr:10.0.0.0/8\": source \"cidr\" does not exist at the edge, only k8s:,"
                    + " any: and reserved:'",
            "app Matches web, 'label key \"app\": operator \"Matches\" is not one of In, NotIn, Exists, DoesNotExist'",
            "app In, label key \"app\": operator In needs at least one value",
            "app NotIn, label key \"app\": operator NotIn needs at least one value",
            "app Exists web, label key \"app\": operator Exists takes no values",
            "unspec:app DoesNotExist, 'label key \"unspec:app\": source \"unspec\" does not exist at the edge, only"
                    + " k8s:, any: and reserved:'",
    })
    void refusesWhatItCannotMatchNamingTheKey(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> IdentitySelector.of(selector(text))).getMessage());
    }
}
