package edgebox.config.model;

/** The value types metatype declares for an attribute. */
public enum ValueType {
    STRING, LONG, INTEGER, SHORT, CHARACTER, BYTE, DOUBLE, FLOAT, BOOLEAN,
    /** A string that is a secret: shown as {@code ***}. */
    PASSWORD
}
