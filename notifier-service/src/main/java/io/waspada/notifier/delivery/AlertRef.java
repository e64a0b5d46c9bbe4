package io.waspada.notifier.delivery;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.waspada.avro.Alert;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One version of one alert, as a notification names it. Stored (in a webhook dead letter on
 * {@code tip.delivery-dlq.v1}) and shown as {@code <alertId>:<version>}, as before it was a type.
 */
@Schema(name = "AlertRef", type = SchemaType.STRING, pattern = "^.+:[0-9]+$", description = "<alertId>:<version>")
public record AlertRef(String alertId, long version) {

    public static AlertRef of(Alert alert) {
        return new AlertRef(alert.getAlertId(), alert.getVersion());
    }

    /** Reads {@code <alertId>:<version>} (the alertId may itself hold colons: the last one splits). */
    @JsonCreator
    public static AlertRef parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("not <alertId>:<version>: " + text);
        }
        return new AlertRef(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
    }

    @JsonValue
    @Override
    public String toString() {
        return alertId + ":" + version;
    }
}
