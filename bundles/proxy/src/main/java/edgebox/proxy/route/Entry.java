package edgebox.proxy.route;

import java.time.Instant;

/**
 * One match of one rule of one route on one listener, with what the rule does: the unit precedence orders.
 * {@code created} is the route's creationTimestamp (null when unset), {@code order} the order it arrived in.
 */
record Entry(CompiledMatch match, RuleAction action, Instant created, long order, String routeKey, int rule,
        int matchIndex) {
}
