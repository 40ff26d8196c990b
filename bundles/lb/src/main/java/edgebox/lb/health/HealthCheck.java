package edgebox.lb.health;

/** How a backend is checked: a TCP connect, an HTTP GET (200-399 is healthy), or not at all. */
public enum HealthCheck {
    TCP,
    HTTP,
    NONE
}
