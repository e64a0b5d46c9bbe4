package io.waspada.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The schema versions Waspada has released, kept as self-contained {@code .avsc} files under
 * {@code io/waspada/schemas/released/<version>/<Record>.avsc} and listed in {@code released/versions.txt}.
 * Readers register all of them so a record written by any released writer still decodes.
 */
public final class ReleasedSchemas {

    /** The top-level records carried on topics; each has one file per released version. */
    public static final List<String> RECORDS =
            List.of("Sighting", "Interception", "WatchlistEntry", "Alert", "AlertLifecycleEvent");

    /** The inbox's record (what agency systems publish), released apart from the topics' records. */
    public static final String INBOX_RECORD = "AgencyReport";
    /** Released versions of the inbox's record, oldest first. */
    public static final List<String> INBOX_VERSIONS = List.of("v1");

    private static final String ROOT = "/io/waspada/schemas/released/";

    private ReleasedSchemas() {
    }

    /** Released versions, oldest first, e.g. {@code [v1]}. */
    public static List<String> versions() {
        List<String> versions = new ArrayList<>();
        for (String line : read(ROOT + "versions.txt").split("\n")) {
            String version = line.strip();
            if (!version.isEmpty() && !version.startsWith("#")) {
                versions.add(version);
            }
        }
        return versions;
    }

    /** Every released schema of one record, keyed by version, oldest first. */
    public static Map<String, Schema> of(String record) {
        Map<String, Schema> byVersion = new LinkedHashMap<>();
        for (String version : versions()) {
            String path = ROOT + version + "/" + record + ".avsc";
            byVersion.put(version, new Schema.Parser().parse(read(path)));
        }
        return byVersion;
    }

    /**
     * Every released schema of the inbox's {@code AgencyReport}, keyed by version, oldest first: an agency system built
     * against an earlier version keeps publishing with it and is still read.
     */
    public static Map<String, Schema> inbox() {
        Map<String, Schema> byVersion = new LinkedHashMap<>();
        for (String version : INBOX_VERSIONS) {
            byVersion.put(version, new Schema.Parser().parse(read(ROOT + "inbox/" + INBOX_RECORD + "-" + version
                    + ".avsc")));
        }
        return byVersion;
    }

    private static String read(String resource) {
        try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Released schema resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
