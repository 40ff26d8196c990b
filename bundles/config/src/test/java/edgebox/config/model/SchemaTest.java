package edgebox.config.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void theContentOfAFlattenedSecretIsSecretItsMetadataIsNot() {
        assertTrue(Schema.isSecretData("data.api-token"));
        assertTrue(Schema.isSecretData("data[tls.key]"));
        assertTrue(Schema.isSecretData("stringData.tsig"));
        assertFalse(Schema.isSecretData("metadata.name"));
        assertFalse(Schema.isSecretData("database"));
        assertTrue(Schema.isSecret(null, "apiToken"), "named like a secret");
    }
}
