package io.waspada.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated files fit together: every raw key in agency-keys.json authenticates its agency via api-keys.properties. */
class DemoCredentialsTest {

    @Test
    void eachAgencyGetsItsOwnKeyAndTheServiceFileHoldsOnlyHashes(@TempDir Path dir) throws Exception {
        DemoCredentials.main(new String[] {dir.toString()});

        JsonNode json = new ObjectMapper().readTree(dir.resolve("agency-keys.json").toFile());
        Map<String, java.util.List<String>> hashes = ApiKeys.readFile(dir.resolve("api-keys.properties"));
        ApiKeys keys = ApiKeys.ofLists(hashes, new HashSet<>(DemoCredentials.AGENCIES));
        assertThat(json.get("agencies").size()).isEqualTo(DemoCredentials.AGENCIES.size());
        json.get("agencies").fields().forEachRemaining(entry -> {
            String key = entry.getValue().asText();
            assertThat(key).startsWith("wsp_").doesNotContain(".");
            assertThat(keys.agencyOf(key)).contains(entry.getKey());
            assertThat(hashes.values().stream().flatMap(java.util.List::stream)).doesNotContain(key);
        });
        assertThat(new HashSet<>(hashes.keySet())).containsExactlyInAnyOrderElementsOf(DemoCredentials.AGENCIES);
        // The demo organisations' keys (#18) are a kind of their own: in their own file, none of them an agency's.
        var tipHashes = ApiKeys.readFile(dir.resolve("tip-keys.properties"));
        assertThat(tipHashes.keySet()).containsExactlyInAnyOrderElementsOf(DemoCredentials.ORGANISATIONS);
        ApiKeys organisationKeys = ApiKeys.ofLists(tipHashes, java.util.Set.copyOf(DemoCredentials.ORGANISATIONS));
        json.get("organisations").fields().forEachRemaining(entry -> {
            assertThat(organisationKeys.agencyOf(entry.getValue().asText())).contains(entry.getKey());
            assertThat(keys.agencyOf(entry.getValue().asText())).isEmpty();
        });
    }
}
