package io.waspada.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch body read item by item: the same items, and for a body that is no JSON the same answer as parse(). */
class JsonDocumentItemsTest {

    private final List<String> handed = new ArrayList<>();

    private JsonDocument.ItemsRead items(String json) {
        return JsonDocument.items(json.getBytes(StandardCharsets.UTF_8),
                (path, index, value) -> handed.add(path + "[" + index + "]="
                        + (value == JsonFields.NULL ? "null" : value.getClass().getSimpleName())));
    }

    @Test
    void handsOverTheEventsArraysItemsInOrder() {
        assertThat(items("{\"before\": {\"a\": 1}, \"events\": [{\"a\": 1}, 2, \"x\", null, []], \"after\": 3}"))
                .isEqualTo(new JsonDocument.ItemsRead(true, 5));
        assertThat(handed).containsExactly("events[0]=JsonFields", "events[1]=Integer", "events[2]=String",
                "events[3]=null", "events[4]=JsonItems");
        handed.clear();
        assertThat(items("[{\"a\": 1}, {\"b\": 2}]")).isEqualTo(new JsonDocument.ItemsRead(true, 2));
        assertThat(handed).containsExactly("[0]=JsonFields", "[1]=JsonFields");
    }

    @Test
    void aBodyWithoutAnEventsArrayHasNone() {
        for (String body : List.of("{\"events\": 5}", "{\"items\": []}", "7", "\"events\"", "{}", "null")) {
            assertThat(items(body)).as(body).isEqualTo(new JsonDocument.ItemsRead(false, 0));
        }
        assertThat(items("[]")).isEqualTo(new JsonDocument.ItemsRead(true, 0));
        assertThat(handed).isEmpty();
    }

    @Test
    void aMalformedBodyIsRefusedAsParseRefusesIt() {
        for (String body : List.of("", " ", "{\"events\": [{}], \"events\": []}", "{\"events\": [{\"a\": 1, \"a\": 2}]}",
                "{\"events\": [{}]} []", "[{}] x", "{\"events\": [{}]", "[{}, ]", "{\"events\": [{\"a\": tru}]}",
                "{\"x\": 1, \"x\": 2, \"events\": []}")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            JsonDocument.Malformed streamed = catchThrowableOfType(() -> JsonDocument.items(bytes, (p, i, v) -> { }),
                    JsonDocument.Malformed.class);
            JsonDocument.Malformed parsed = catchThrowableOfType(() -> JsonDocument.parse(bytes),
                    JsonDocument.Malformed.class);
            assertThat(streamed).as(body).isNotNull();
            assertThat(streamed.detail()).as(body).isEqualTo(parsed.detail());
        }
    }
}
