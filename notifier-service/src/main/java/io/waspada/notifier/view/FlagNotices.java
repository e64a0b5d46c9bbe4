package io.waspada.notifier.view;

import io.waspada.avro.Alert;
import io.waspada.avro.Flag;
import java.util.List;

/**
 * What an alert's jurisdiction flags tell whoever acts on it, one line per flag in the alert's order (strictest
 * first), shown before anything else on every channel: the console, the API and WebSocket ({@link AlertJson}), webhooks,
 * email and the CAP {@code instruction}.
 */
public final class FlagNotices {

    private FlagNotices() {
    }

    /** The line for one flag, naming the agency that set it (whom to contact) and, for INFORM_ONLY, where. */
    public static String of(Flag flag) {
        return switch (flag.getKind()) {
            case INFORM_ONLY -> "INFORM ONLY in " + flag.getJurisdiction() + " (" + flag.getAgency()
                    + "): do not act on this alert in " + flag.getJurisdiction() + "; inform " + flag.getAgency() + ".";
            case COVERT -> "COVERT (" + flag.getAgency() + "): an operation is running; do not approach the subjects;"
                    + " contact " + flag.getAgency() + " first.";
            case PROTECT_VICTIM -> "PROTECT THE VICTIM FIRST (" + flag.getAgency() + "): a victim is involved; their"
                    + " safety comes before any other action.";
        };
    }

    /** The alert's notices, strictest first; empty when it has no flags. */
    public static List<String> of(Alert alert) {
        return alert.getFlags().stream().map(FlagNotices::of).toList();
    }
}
