/**
 * The load balancer's plan: a pure compiler from the objects snapshot to the virtual services (VIP, port,
 * protocol) with their backends and Maglev tables, and the problems found on the way. Plain classes, no framework
 * types.
 *
 * <p>Rules the compiler applies, in words:
 * <ul>
 * <li>Every Service of type LoadBalancer with derived addresses is balanced on each of its TCP and UDP ports, on
 * each derived address; SCTP ports are reported and left out. A Service without a derived address is left out
 * silently: the objects bundle reports why it has none.
 * <li>Annotation {@code edgebox.io/lb-mode}: absent or {@code dsr} balances the Service here; {@code proxy} leaves it
 * to the proxy (nothing is compiled); any other value is a problem and the Service is left out.
 * <li>A Service port takes the EndpointSlice port of the same name; an unnamed Service port takes the slice's
 * unnamed port, or its only port. The slice's port number is the target port, and it must be the Service's own:
 * direct server return changes only the MAC addresses, so the frame reaches the backend on the Service's port. A
 * slice giving another number is a problem naming the Service, the port and both numbers; that port is left out.
 * <li>Only slices of the VIP's address family give backends: with direct server return the backend answers from
 * the VIP itself, so a v4 VIP cannot be served by a v6 backend.
 * <li>An endpoint with ready=true is ACTIVE (in the Maglev table); serving=true and ready=false (terminating) is
 * DRAINING: kept for the flows it already has, given no new ones; neither ready nor serving is left out.
 * <li>An endpoint address:port that the health input finds unhealthy is FAILED, ready or not: it takes no new
 * flows and its established flows move. Without a health input every backend is healthy.
 * <li>Weight: 1 per endpoint, unless its EndpointSlice carries the annotation {@code edgebox.io/weight}, an
 * integer 1..1000 that every endpoint of that slice takes. A bad value is a problem; that slice's endpoints keep
 * weight 1.
 * <li>externalTrafficPolicy Local or Cluster: the same on one box, which is the only node; both are accepted and
 * neither changes the plan.
 * <li>A VIP:port/protocol that a served Gateway listens on (its bind addresses times its listeners' ports) is a
 * clash: the Service's port is left out and a problem names both. So is one a Service older by snapshot order
 * already took.
 * <li>A virtual service with no ready endpoints, or only FAILED ones, is kept with an empty table, so the data path
 * can count its drops, and reported.
 * </ul>
 */
package edgebox.lb.plan;
