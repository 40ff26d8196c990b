package edgebox.acme.client;

import jakarta.json.spi.JsonProvider;

/** The JSON of the tests: Parsson, found on the class path as plain Java finds it. */
public final class TestJson {

    public static final RemoteJson JSON = new RemoteJson(JsonProvider.provider());

    private TestJson() {
    }
}
