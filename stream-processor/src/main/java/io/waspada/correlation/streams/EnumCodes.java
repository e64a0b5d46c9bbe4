package io.waspada.correlation.streams;

import io.waspada.avro.EventKind;
import io.waspada.avro.FlagKind;
import io.waspada.avro.Handling;
import io.waspada.avro.Outcome;
import io.waspada.avro.Severity;
import io.waspada.correlation.domain.Direction;
import io.waspada.correlation.domain.RuleName;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The byte each enum symbol has in the internal encoding (repartition topic, state stores, changelogs), written out
 * once and for all: never an ordinal, so adding a symbol to an Avro enum (or reordering one) cannot change what
 * stored state means. A new symbol takes the next free code; a code is never reused. An unknown code is an error,
 * not a guess. The codes equal the ordinals that format 1 stored, so format 1 state reads with these same tables.
 */
final class EnumCodes<E extends Enum<E>> {

    static final EnumCodes<EventKind> KIND = new EnumCodes<>(EventKind.class, Map.of(
            EventKind.SIGHTING, 0, EventKind.INTERCEPTION, 1, EventKind.WATCHLIST, 2, EventKind.OTHER, 3));
    static final EnumCodes<Handling> HANDLING = new EnumCodes<>(Handling.class, Map.of(
            Handling.H0, 0, Handling.H1, 1, Handling.H2, 2, Handling.H3, 3));
    static final EnumCodes<Outcome> OUTCOME = new EnumCodes<>(Outcome.class, Map.of(
            Outcome.RESCUED, 0, Outcome.ARRESTED, 1, Outcome.DETAINED, 2, Outcome.DENIED_ENTRY, 3, Outcome.SEIZED, 4,
            Outcome.OTHER, 5));
    static final EnumCodes<Severity> SEVERITY = new EnumCodes<>(Severity.class, Map.of(
            Severity.LOW, 0, Severity.MEDIUM, 1, Severity.HIGH, 2, Severity.CRITICAL, 3));
    static final EnumCodes<FlagKind> FLAG = new EnumCodes<>(FlagKind.class, Map.of(
            FlagKind.INFORM_ONLY, 0, FlagKind.COVERT, 1, FlagKind.PROTECT_VICTIM, 2));
    static final EnumCodes<RuleName> RULE = new EnumCodes<>(RuleName.class, Map.of(
            RuleName.WATCHLIST_HIT, 0, RuleName.CROSS_BORDER_MOVEMENT, 1, RuleName.SIGHTING_INTERCEPTION_LINK, 2,
            RuleName.FACILITATOR_NETWORK, 3, RuleName.GROUP_CROSSING, 4));
    static final EnumCodes<Direction> DIRECTION = new EnumCodes<>(Direction.class, Map.of(
            Direction.INBOUND, 0, Direction.OUTBOUND, 1, Direction.INTERNAL, 2, Direction.UNKNOWN, 3));

    private final Class<E> type;
    private final Map<E, Byte> codes;
    private final Object[] symbols = new Object[128];

    private EnumCodes(Class<E> type, Map<E, Integer> table) {
        this.type = type;
        this.codes = new EnumMap<>(type);
        for (E symbol : type.getEnumConstants()) {
            Integer code = table.get(symbol);
            if (code == null) {
                // Caught by the codec's tests the moment a symbol is added without a code.
                throw new IllegalStateException(type.getSimpleName() + "." + symbol + " has no internal code");
            }
            if (code < 0 || code >= symbols.length || symbols[code] != null) {
                throw new IllegalStateException(type.getSimpleName() + " code " + code + " is invalid or reused");
            }
            codes.put(symbol, code.byteValue());
            symbols[code] = symbol;
        }
    }

    byte code(E symbol) {
        return codes.get(symbol);
    }

    E symbol(byte code) {
        Object symbol = code >= 0 && code < symbols.length ? symbols[code] : null;
        if (symbol == null) {
            throw new SerializationException("unknown " + type.getSimpleName() + " code " + code
                    + " in internal state (written by a newer version?)");
        }
        return type.cast(symbol);
    }
}
