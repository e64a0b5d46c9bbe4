package io.waspada.correlation.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.avro.EventKind;
import io.waspada.avro.Flag;
import io.waspada.avro.FlagKind;
import io.waspada.avro.Handling;
import io.waspada.avro.Location;
import io.waspada.avro.Outcome;
import io.waspada.avro.Severity;
import io.waspada.correlation.domain.Direction;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.ObservedSubject;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.domain.TokenRef;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of the internal encoding: what sits in RocksDB, the changelogs and the repartition topic must keep its
 * meaning across releases. If this test fails, stored state would be misread: add a new format (and keep reading the
 * old one) instead of changing these bytes.
 */
class ObservationCodecTest {

    private static final Observation INTERCEPTION = new Observation("ev-1", EventKind.INTERCEPTION, "MMEA",
            1_763_607_600_000L, new Location(1.5, 103.25, "MY", "JOHOR", "TANJUNG_PELEPAS"),
            List.of("UNACCOMPANIED_MINOR"), Handling.H2, "B", 2, Outcome.RESCUED, 7,
            List.of(new ObservedSubject("PERSON", "SUSPECTED_VICTIM", true, List.of(new TokenRef("PASSPORT", "Ptok")))));
    private static final Observation ADMITTED = INTERCEPTION.admittedAt(1_763_690_000_000L);
    private static final Episode EPISODE = new Episode(RuleName.SIGHTING_INTERCEPTION_LINK, 1_762_992_000_000L,
            1_763_600_000_000L, 1_763_607_600_000L, 3, 1_763_610_000_000L, 4, Severity.CRITICAL, Handling.H2, List.of(),
            List.of(), List.of());
    /** A format-2 episode (copies of its evidence) and how it reads now: anchored at its window start, H3 (it dropped some). */
    private static final Episode FIRST_GENERATION_EPISODE = new Episode(RuleName.SIGHTING_INTERCEPTION_LINK,
            1_763_600_000_000L, 1_763_600_000_000L, 1_763_600_000_000L, 3, 1_763_610_000_000L, 4, Severity.CRITICAL,
            Handling.H3, List.of(), List.of(), List.of());

    private static final List<Flag> FLAGS = List.of(new Flag(FlagKind.INFORM_ONLY, "ID", "MMEA"),
            new Flag(FlagKind.PROTECT_VICTIM, null, "MMEA"));
    private static final Observation FLAGGED = new Observation("ev-1", EventKind.INTERCEPTION, "MMEA",
            1_763_607_600_000L, new Location(1.5, 103.25, "MY", "JOHOR", "TANJUNG_PELEPAS"),
            List.of("UNACCOMPANIED_MINOR"), Handling.H2, "B", 2, Outcome.RESCUED, 7,
            List.of(new ObservedSubject("PERSON", "SUSPECTED_VICTIM", true, List.of(new TokenRef("PASSPORT", "Ptok")))),
            FLAGS, 1_763_690_000_000L);
    private static final Episode FLAGGED_EPISODE = new Episode(RuleName.SIGHTING_INTERCEPTION_LINK,
            1_762_992_000_000L, 1_763_600_000_000L, 1_763_607_600_000L, 3, 1_763_610_000_000L, 4, Severity.CRITICAL,
            Handling.H2, FLAGS, List.of(), List.of());

    /** A civil-society tip, and an episode resting on tips alone. */
    private static final Observation TIP = new Observation("ev-1", EventKind.INTERCEPTION, "MMEA",
            1_763_607_600_000L, new Location(1.5, 103.25, "MY", "JOHOR", "TANJUNG_PELEPAS"),
            List.of("UNACCOMPANIED_MINOR"), Handling.H2, "B", 2, Outcome.RESCUED, 7,
            List.of(new ObservedSubject("PERSON", "SUSPECTED_VICTIM", true, List.of(new TokenRef("PASSPORT", "Ptok")))),
            FLAGS, 1_763_690_000_000L, true);
    private static final Episode TIP_ONLY_EPISODE = new Episode(RuleName.SIGHTING_INTERCEPTION_LINK,
            1_762_992_000_000L, 1_763_600_000_000L, 1_763_607_600_000L, 3, 1_763_610_000_000L, 4, Severity.CRITICAL,
            Handling.H2, FLAGS, List.of(), List.of(), false);

    /** An agency's event going out of the country (absence rules read the direction). */
    private static final Observation OUTBOUND = TIP.going(Direction.OUTBOUND);

    /** Format 6: format 5 plus the observation's direction (a code); episodes are still written as format 5. */
    static final String OBSERVATION_V6 = "06000465762d310100044d4d45410000019a9f345b803ff80000000000004059d0000000000000024d5900054a4f484f"
            + "5201000f54414e4a554e475f50454c4550415300010013554e4143434f4d50414e4945445f4d494e4f52020001420200"
            + "0000000700010006504552534f4e00105355535045435445445f56494354494d010001000850415353504f5254000450"
            + "746f6b0000019aa41dae800200010002494400044d4d4541020000044d4d45410101";
    /** Format 5: format 4 plus whether the observation is a tip and whether the episode ever had an agency's event. */
    static final String OBSERVATION_V5 = "05000465762d310100044d4d45410000019a9f345b803ff80000000000004059d0000000000000024d5900054a4f484f"
            + "5201000f54414e4a554e475f50454c4550415300010013554e4143434f4d50414e4945445f4d494e4f52020001420200"
            + "0000000700010006504552534f4e00105355535045435445445f56494354494d010001000850415353504f5254000450"
            + "746f6b0000019aa41dae800200010002494400044d4d4541020000044d4d454101";
    static final String EPISODES_V5 = "050001020000019a7a830c000000019a9ec064000000019a9f345b8000000000000000030000019a9f58fa8000000004"
            + "03020200010002494400044d4d4541020000044d4d454100";
    /** Format 4: format 3 plus jurisdiction flags (kind code, optional jurisdiction, agency). */
    static final String OBSERVATION_V4 = "04000465762d310100044d4d45410000019a9f345b803ff80000000000004059d0000000000000024d5900054a4f484f"
            + "5201000f54414e4a554e475f50454c4550415300010013554e4143434f4d50414e4945445f4d494e4f52020001420200"
            + "0000000700010006504552534f4e00105355535045435445445f56494354494d010001000850415353504f5254000450"
            + "746f6b0000019aa41dae800200010002494400044d4d4541020000044d4d4541";
    static final String EPISODES_V4 = "040001020000019a7a830c000000019a9ec064000000019a9f345b8000000000000000030000019a9f58fa8000000004"
            + "03020200010002494400044d4d4541020000044d4d4541";
    /** Format 3: format 2 plus the admission stream time. */
    static final String OBSERVATION_V3 = "03000465762d310100044d4d45410000019a9f345b803ff80000000000004059d0000000000000024d5900054a4f484f"
            + "5201000f54414e4a554e475f50454c4550415300010013554e4143434f4d50414e4945445f4d494e4f52020001420200"
            + "0000000700010006504552534f4e00105355535045435445445f56494354494d010001000850415353504f5254000450"
            + "746f6b0000019aa41dae80";
    /** Format 3: an episode as a summary (anchor, first and last window start, count, strictest handling). */
    static final String EPISODES_V3 = "030001020000019a7a830c000000019a9ec064000000019a9f345b8000000000000000030000019a9f58fa8000000004"
            + "0302";
    /** Format 2: every enum as its explicit code. */
    static final String OBSERVATION_V2 = "02000465762d310100044d4d45410000019a9f345b803ff80000000000004059d0000000000000024d5900054a4f484f"
            + "5201000f54414e4a554e475f50454c4550415300010013554e4143434f4d50414e4945445f4d494e4f52020001420200"
            + "0000000700010006504552534f4e00105355535045435445445f56494354494d010001000850415353504f5254000450"
            + "746f6b";
    static final String EPISODES_V2 = "020001020000019a9ec0640000000000000000030000019a9f58fa80000000040300000001000465762d310100044d4d"
            + "45410000019a9f345b803ff80000000000004059d0000000000000024d5900054a4f484f5201000f54414e4a554e475f"
            + "50454c4550415300010013554e4143434f4d50414e4945445f4d494e4f52020001420200000000070001000650455253"
            + "4f4e00105355535045435445445f56494354494d010001000850415353504f5254000450746f6b00010004776c2d3100"
            + "03524d50020000019a98ca8300";

    @Test
    void anObservationAndAnEpisodeEncodeToTheirGoldenBytes() {
        assertThat(hex(new ObservationSerde().serialize("t", OUTBOUND))).isEqualTo(OBSERVATION_V6);
        assertThat(hex(new EpisodesSerde().serialize("t", List.of(TIP_ONLY_EPISODE)))).isEqualTo(EPISODES_V5);
    }

    @Test
    void theGoldenBytesDecodeBackAndFormatsOneToFiveStillRead() {
        assertThat(new ObservationSerde().deserialize("t", bytes(OBSERVATION_V6))).isEqualTo(OUTBOUND);
        // An unknown direction is written as its own code, not left out.
        assertThat(hex(new ObservationSerde().serialize("t", TIP))).isEqualTo("06" + OBSERVATION_V5.substring(2) + "03");
        // Format 5: no direction (unknown).
        assertThat(new ObservationSerde().deserialize("t", bytes(OBSERVATION_V5))).isEqualTo(TIP);
        assertThat(new EpisodesSerde().deserialize("t", bytes(EPISODES_V5))).containsExactly(TIP_ONLY_EPISODE);
        // Format 4: no tips; every episode had an agency's event.
        assertThat(new ObservationSerde().deserialize("t", bytes(OBSERVATION_V4))).isEqualTo(FLAGGED);
        assertThat(new EpisodesSerde().deserialize("t", bytes(EPISODES_V4))).containsExactly(FLAGGED_EPISODE);
        // Format 3: no flags.
        assertThat(new ObservationSerde().deserialize("t", bytes(OBSERVATION_V3))).isEqualTo(ADMITTED);
        assertThat(new EpisodesSerde().deserialize("t", bytes(EPISODES_V3))).containsExactly(EPISODE);
        // Format 2: no admission time (late for no rule); episodes with copies of their evidence read as summaries.
        assertThat(new ObservationSerde().deserialize("t", bytes(OBSERVATION_V2))).isEqualTo(INTERCEPTION);
        assertThat(new EpisodesSerde().deserialize("t", bytes(EPISODES_V2))).containsExactly(FIRST_GENERATION_EPISODE);
        // Format 1 wrote ordinals, equal to the codes when format 2 began: the same bytes after the format byte.
        assertThat(new ObservationSerde().deserialize("t", bytes("01" + OBSERVATION_V2.substring(2))))
                .isEqualTo(INTERCEPTION);
        assertThat(new EpisodesSerde().deserialize("t", bytes("01" + EPISODES_V2.substring(2))))
                .containsExactly(FIRST_GENERATION_EPISODE);
    }

    /**
     * Format 5, an episode of a rule defined as data (not built in): rule code 255 and its id, the rest as for a
     * built-in rule. Built-in rules keep their one-byte codes, so the format-5 bytes above read as before.
     */
    static final String DATA_RULE_EPISODES_V5 = "050001ff000f5245504541545f43524f5353494e470000019a7a830c000000019a9ec064"
            + "000000019a9f345b8000000000000000030000019a9f58fa800000000403020200010002494400044d4d4541020000044d4d"
            + "454100";
    private static final Episode DATA_RULE_EPISODE = new Episode("REPEAT_CROSSING", 1_762_992_000_000L,
            1_763_600_000_000L, 1_763_607_600_000L, 3, 1_763_610_000_000L, 4, Severity.CRITICAL, Handling.H2, FLAGS,
            List.of(), List.of(), false);

    @Test
    void anEpisodeOfARuleDefinedAsDataCarriesItsIdAfterCode255() {
        // The bytes after the format byte: the same in any later format that leaves episodes as they are.
        assertThat(hex(new EpisodesSerde().serialize("t", List.of(DATA_RULE_EPISODE))).substring(2))
                .isEqualTo(DATA_RULE_EPISODES_V5.substring(2));
        assertThat(new EpisodesSerde().deserialize("t", bytes(DATA_RULE_EPISODES_V5)))
                .containsExactly(DATA_RULE_EPISODE);
        Episode builtIn = new Episode("SIGHTING_INTERCEPTION_LINK", 1_762_992_000_000L, 1_763_600_000_000L,
                1_763_607_600_000L, 3, 1_763_610_000_000L, 4, Severity.CRITICAL, Handling.H2, FLAGS, List.of(),
                List.of(), false);
        assertThat(builtIn).isEqualTo(TIP_ONLY_EPISODE);
        assertThat(hex(new EpisodesSerde().serialize("t", List.of(builtIn))).substring(2))
                .isEqualTo(EPISODES_V5.substring(2));
    }

    @Test
    void anObservationReadFromTheRepartitionTopicIsAppendedToTheEvidenceAsTheBytesItCameIn() {
        byte[] received = bytes(OBSERVATION_V6);
        Observation read = ObservationSerde.remembering().deserialize("repartition", received);
        ObservationSerde evidence = new ObservationSerde();
        assertThat(evidence.serialize("changelog", read)).isSameAs(received);
        // An equal observation that was not read on this thread is encoded, to the same bytes.
        assertThat(evidence.serialize("changelog", OUTBOUND)).isNotSameAs(received).isEqualTo(received);
        // A record of an earlier format is re-encoded in the current format.
        Observation old = ObservationSerde.remembering().deserialize("repartition", bytes(OBSERVATION_V3));
        assertThat(hex(evidence.serialize("changelog", old))).startsWith("06");
    }

    @Test
    void everySymbolHasAStableCodeAndAnUnknownCodeIsAnError() {
        for (EventKind kind : EventKind.values()) {
            assertThat(EnumCodes.KIND.symbol(EnumCodes.KIND.code(kind))).isEqualTo(kind);
        }
        for (Handling handling : Handling.values()) {
            assertThat(EnumCodes.HANDLING.symbol(EnumCodes.HANDLING.code(handling))).isEqualTo(handling);
        }
        for (Outcome outcome : Outcome.values()) {
            assertThat(EnumCodes.OUTCOME.symbol(EnumCodes.OUTCOME.code(outcome))).isEqualTo(outcome);
        }
        for (Severity severity : Severity.values()) {
            assertThat(EnumCodes.SEVERITY.symbol(EnumCodes.SEVERITY.code(severity))).isEqualTo(severity);
        }
        for (FlagKind kind : FlagKind.values()) {
            assertThat(EnumCodes.FLAG.symbol(EnumCodes.FLAG.code(kind))).isEqualTo(kind);
        }
        for (Direction direction : Direction.values()) {
            assertThat(EnumCodes.DIRECTION.symbol(EnumCodes.DIRECTION.code(direction))).isEqualTo(direction);
        }
        for (RuleName rule : RuleName.values()) {
            assertThat(EnumCodes.RULE.symbol(EnumCodes.RULE.code(rule))).isEqualTo(rule);
        }
        assertThatThrownBy(() -> EnumCodes.HANDLING.symbol((byte) 9)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown Handling code 9");
        String unknownFormat = "07" + OBSERVATION_V2.substring(2);
        assertThatThrownBy(() -> new ObservationSerde().deserialize("t", bytes(unknownFormat)))
                .isInstanceOf(SerializationException.class);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
