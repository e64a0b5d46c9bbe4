package io.waspada.notifier.delivery;

import io.waspada.avro.Alert;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.kafka.LifecyclePublisher;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import io.waspada.notifier.officers.OfficerActions;
import io.waspada.notifier.ops.RuleHits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One alert version in, its fate out: routed to the cleared task forces (the view pushes it to their WebSockets,
 * the groups page their webhooks and mail), withheld from task forces without clearance for its handling code,
 * or muted by a silence (a national one for everyone, a lead's for that task force) or an inhibiting alert. Older or repeated versions are ignored. During the start-up
 * replay only the view is rebuilt: nothing is delivered or audited twice.
 */
@ApplicationScoped
public class AlertDispatcher {

    @Inject
    Router router;
    @Inject
    AlertView view;
    @Inject
    Muter muter;
    @Inject
    LifecyclePublisher lifecycle;
    @Inject
    NotificationSender sender;
    @Inject
    Clock clock;
    @Inject
    OfficerActions officers;
    @Inject
    RuleHits ruleHits;
    @Inject
    io.waspada.notifier.view.AlertRetention retention;
    @Inject
    io.waspada.notifier.tracing.NotifierTraces traces;

    /** What is done with an alert version. */
    public enum Mode {
        /** At start: what earlier runs delivered, back into the view; nothing routed, paged or audited again. */
        REBUILD(true, false),
        /** A partition another instance owns: the view (and so the consoles) only; the owner routes and pages it. */
        VIEW(true, false),
        /** A partition just taken over, the version already in the view: the routing decision only. */
        DECIDE(false, true),
        /** A partition this instance owns: routed, paged and shown. */
        FULL(true, true);

        final boolean shows;
        final boolean decides;

        Mode(boolean shows, boolean decides) {
            this.shows = shows;
            this.decides = decides;
        }
    }

    /**
     * As {@link #dispatch(Alert, Mode)}, for a version read from the topic with its record's {@code headers}: routed
     * (or shown) inside the span that continues the correlator's trace, and its pages later join that trace.
     */
    public CompletableFuture<Void> dispatch(Alert alert, Mode mode,
            org.apache.kafka.common.header.Headers headers) {
        if (traces == null) {
            return dispatch(alert, mode);
        }
        try (var span = traces.intake(alert, mode.decides, headers)) {
            return dispatch(alert, mode);
        }
    }

    /**
     * Routes one alert version. The future completes once its routing decision is on the audit trail (the ROUTED,
     * withheld, silenced or inhibited records, which escalation and page recovery read back): only then may the
     * alert's offset be committed. It fails if one of them could not be written.
     */
    public CompletableFuture<Void> dispatch(Alert alert, Mode mode) {
        boolean decides = mode.decides;
        ruleHits.seen(alert, !decides);
        if (mode != Mode.DECIDE && view.highestVersion(alert.getAlertId()) >= alert.getVersion()) {
            return DONE;
        }
        if (mode == Mode.REBUILD && leftMemory(alert.getAlertId())) {
            return DONE; // resolved before the retention began: read back by id when asked, not kept in memory
        }
        List<CompletableFuture<?>> decision = new java.util.ArrayList<>();
        Instant now = clock.instant();
        Map<String, String> labels = alert.getLabels();
        // A tip-only alert the verification desk verified also takes the routes it would without the label (#18).
        List<RouteMatch> matches = officers == null ? router.route(labels, alert.getHandling())
                : io.waspada.notifier.officers.VerificationDesk.routes(router, alert, officers.status(alert.getAlertId()));
        Optional<Muter.Muting> muted = muter.forEveryone(alert, now);
        String mutedBy = muted.map(Muter.Muting::mutedBy).orElse(null);
        List<String> taskForces = mutedBy != null ? List.of() : taskForces(alert, matches);
        // A lead's silence mutes the paging channels (webhook, email) of that lead's task force only. The task force
        // still sees the alert on its console and, unanswered, it is still escalated along its chain: a silence is
        // not a way to keep an alert from the task forces above.
        Map<String, Muter.Muting> scoped = muter.silencedFor(alert, now, taskForces);
        if (decides) {
            audit(alert, matches, muted, scoped, decision);
            officers.newVersion(alert);
        }
        // In DECIDE mode the view holds this version or a later one, so what an earlier version reached is not known
        // here: a withdrawal is audited and applied by the instance that showed the version (FULL), not on takeover.
        List<String> withdrawn = mode == Mode.DECIDE ? List.of() : withdrawn(alert);
        if (mode == Mode.FULL) {
            withdrawn.forEach(taskForce -> decision.add(lifecycle.publish(alert, LifecycleAction.OTHER, taskForce,
                    null, "WITHDRAWN: handling " + alert.getHandling() + " not cleared for " + taskForce,
                    Map.of("handling", alert.getHandling().name()))));
        }
        if (mode.shows) {
            view.apply(new AlertState(alert, taskForces, mutedBy, officers.standing(alert.getAlertId())), withdrawn);
            // An officer's action between reading the standing and applying the state is not lost from the view.
            view.restatus(alert.getAlertId(), officers.standing(alert.getAlertId()));
        }
        if (decides) {
            // Nothing more about it is paged to a task force that lost it: it leaves that task force's groups.
            withdrawn.forEach(taskForce -> sender.groups().removeFrom(alert.getAlertId(), taskForce));
        }
        if (decides && mutedBy == null) {
            matches.stream().filter(RouteMatch::cleared).filter(m -> !scoped.containsKey(m.taskForce().id()))
                    .forEach(match -> sender.groups().add(match, alert, now));
        }
        return CompletableFuture.allOf(decision.toArray(CompletableFuture[]::new));
    }

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /**
     * Whether the alert left memory for good (resolved before the retention began): its versions on the topic need
     * not even be decoded when the view is rebuilt.
     */
    public boolean leftMemory(String alertId) {
        return retention != null && retention.archived(alertId);
    }

    /**
     * The task forces that see this version: those its routes reach and, so that officers who had an earlier
     * version get the update (labels such as region follow the latest evidence), those the earlier version was
     * routed to; all only if cleared for this version's handling code.
     */
    private List<String> taskForces(Alert alert, List<RouteMatch> matches) {
        Set<String> ids = new LinkedHashSet<>();
        matches.stream().filter(RouteMatch::cleared).forEach(m -> ids.add(m.taskForce().id()));
        view.get(alert.getAlertId()).ifPresent(previous -> previous.taskForces().stream()
                .filter(id -> router.config().taskForce(id).map(tf -> tf.clearedFor(alert.getHandling())).orElse(false))
                .forEach(ids::add));
        return List.copyOf(ids);
    }

    /** Task forces that saw an earlier version (routed or escalated there) and are not cleared for this one's code. */
    private List<String> withdrawn(Alert alert) {
        return view.get(alert.getAlertId()).map(previous -> previous.taskForces().stream()
                .filter(id -> !router.config().taskForce(id).map(tf -> tf.clearedFor(alert.getHandling())).orElse(false))
                .toList()).orElse(List.of());
    }

    private void audit(Alert alert, List<RouteMatch> matches, Optional<Muter.Muting> muted,
            Map<String, Muter.Muting> scoped, List<CompletableFuture<?>> decision) {
        if (muted.isPresent()) {
            decision.add(muter.auditForEveryone(alert, muted.get(), matches));
            return;
        }
        for (RouteMatch match : matches) {
            Muter.Muting mine = scoped.get(match.taskForce().id());
            if (match.cleared() && mine != null) {
                decision.add(muter.auditSilenced(alert, mine, match));
            }
            if (match.cleared()) {
                decision.add(lifecycle.publish(alert, LifecycleAction.ROUTED, match.taskForce().id(), null, null,
                        Map.of("route", match.route().path(), "line", Integer.toString(match.route().line()))));
            } else {
                // Not cleared for the handling code: the alert is withheld, on every channel, and the audit says why.
                decision.add(lifecycle.publish(alert, LifecycleAction.OTHER, match.taskForce().id(), null,
                        "WITHHELD: handling " + alert.getHandling() + " not cleared for " + match.taskForce().id(),
                        Map.of("route", match.route().path(), "handling", alert.getHandling().name())));
            }
        }
    }
}
