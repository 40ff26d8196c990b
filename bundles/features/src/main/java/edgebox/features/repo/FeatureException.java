package edgebox.features.repo;

/** A feature file that cannot be read or used; the message names the file (or feature), the field and the reason. */
public class FeatureException extends Exception {

    private static final long serialVersionUID = 1L;

    public FeatureException(String message) {
        super(message);
    }

    public FeatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
