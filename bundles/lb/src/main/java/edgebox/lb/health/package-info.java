/**
 * Active health checks of the load balancer's backends, as Envoy and HAProxy do them. A Service's annotations
 * ({@link edgebox.lb.health.HealthAnnotations}) give each of its ports a spec; {@link edgebox.lb.health.HealthTargets}
 * lists the backends of a plan to check; {@link edgebox.lb.health.HealthChecker} checks them on its own threads and
 * publishes a {@link edgebox.lb.health.HealthView}, which the plan compiler takes to mark backends FAILED. Plain
 * classes, no framework types.
 *
 * <p>Rules, in words:
 * <ul>
 * <li>{@code edgebox.io/health-check}: {@code tcp} connects, {@code http} sends a GET (status 200-399 is healthy,
 * redirects are not followed, Host is the backend address), {@code none} checks nothing. Without it a TCP port is
 * checked by {@code tcp} and a UDP port not at all; an explicit check on a UDP port uses TCP to the same number or to
 * {@code -port}.
 * <li>{@code -path} (default {@code /}), {@code -port} (default the backend's port), {@code -interval} and
 * {@code -timeout} as Go durations ({@code 5s}, {@code 500ms}; interval 100ms..1h, the timeout shorter than the
 * interval), {@code -healthy-threshold} (rise) and {@code -unhealthy-threshold} (fall), 1..100. Defaults come from
 * {@link edgebox.lb.health.HealthDefaults}.
 * <li>A bad value is a problem naming the Service and the annotation, and that Service keeps all the defaults.
 * <li>A target starts UNKNOWN, which counts as healthy: a new backend serves at once. {@code fall} failed checks in a
 * row make it DOWN, {@code rise} passed checks in a row make it UP.
 * <li>A backend address:port checked for several Service ports with other specs is DOWN when any check is DOWN.
 * </ul>
 */
package edgebox.lb.health;
