package io.waspada.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code waspada.ops.services} setting: name=url pairs in order, a bad entry named. */
class ServiceHealthProbeTest {

    @Test
    void parsesNamesAndBaseUrlsInOrder() {
        assertThat(ServiceHealthProbe.parse("alert-producer=http://localhost:8081, notifier-service=http://n:8083/"))
                .containsExactly(
                        Map.entry("alert-producer", URI.create("http://localhost:8081/")),
                        Map.entry("notifier-service", URI.create("http://n:8083/")));
    }

    @Test
    void anEntryWithoutAUrlIsRefusedByName() {
        assertThatThrownBy(() -> ServiceHealthProbe.parse("alert-producer")).hasMessageContaining("'alert-producer'");
    }
}
