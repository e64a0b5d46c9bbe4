package io.waspada.notifier.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A node of the routing tree. {@link #match} is Alertmanager's depth-first, left-to-right search: the first
 * matching child wins unless it has {@code continue}; a node whose children all miss is itself the match.
 * Built once from configuration, then immutable and thread-safe.
 */
public final class Route {

    private final Route parent;
    private final int position;
    private final RouteOptions options;
    private final Matchers matchers;
    private final boolean continueMatching;
    private final int line;
    private final List<Route> children = new ArrayList<>();

    /** Creates a node and appends it to its parent's children (so children keep configuration order). */
    public Route(Route parent, RouteOptions options, Matchers matchers, boolean continueMatching, int line) {
        this.parent = parent;
        this.position = parent == null ? -1 : parent.children.size();
        this.options = options;
        this.matchers = matchers;
        this.continueMatching = continueMatching;
        this.line = line;
        if (parent != null) {
            parent.children.add(this);
        }
    }

    public List<Route> match(Map<String, String> labels) {
        if (!matchers.matches(labels)) {
            return List.of();
        }
        List<Route> all = new ArrayList<>();
        for (Route child : children) {
            List<Route> matches = child.match(labels);
            all.addAll(matches);
            if (!matches.isEmpty() && !child.continueMatching) {
                break;
            }
        }
        if (all.isEmpty()) {
            all.add(this);
        }
        return all;
    }

    /** Where this node sits, e.g. {@code {}/1{domain="SEA"}/0{region=~"SABAH"}}: position and matchers per level. */
    public String path() {
        String self = matchers.toString();
        return parent == null ? self : parent.path() + "/" + position + self;
    }

    public String receiver() {
        return options.receiver();
    }

    public RouteOptions options() {
        return options;
    }

    public Matchers matchers() {
        return matchers;
    }

    public boolean continueMatching() {
        return continueMatching;
    }

    /** The line of the routing file this node was defined on. */
    public int line() {
        return line;
    }

    public List<Route> children() {
        return Collections.unmodifiableList(children);
    }

    @Override
    public String toString() {
        return path() + " -> " + receiver();
    }
}
