package io.waspada.correlation.streams;

import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.rules.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Rules in shadow mode evaluate and keep their episodes but raise nothing: their changed episodes are taken out of
 * what is emitted (still stored with the rest) and each is counted.
 */
final class ShadowMode {

    private ShadowMode() {
    }

    /**
     * The evaluation without the changed episodes of rules {@code withheld} names; each one withheld that is in
     * {@code counted} is reported to {@code shadow}.
     */
    static Evaluation withhold(Evaluation evaluation, Predicate<Episode> withheld, Predicate<Episode> counted,
            java.util.function.Consumer<String> shadow) {
        if (evaluation.changed().isEmpty()) {
            return evaluation;
        }
        List<Episode> emitted = null;
        for (int i = 0; i < evaluation.changed().size(); i++) {
            Episode episode = evaluation.changed().get(i);
            if (withheld.test(episode)) {
                if (emitted == null) {
                    emitted = new ArrayList<>(evaluation.changed().subList(0, i));
                }
                if (counted.test(episode)) {
                    shadow.accept(String.valueOf(episode.rule()));
                }
            } else if (emitted != null) {
                emitted.add(episode);
            }
        }
        return emitted == null ? evaluation
                : new Evaluation(evaluation.open(), emitted, evaluation.openChanged(), evaluation.lateFor());
    }
}
