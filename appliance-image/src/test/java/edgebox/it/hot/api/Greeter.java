package edgebox.it.hot.api;

/** The service of the hot-deploy test: its own bundle, so updating the provider never refreshes the consumer. */
public interface Greeter {
    String greet();
}
