package io.waspada.notifier.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * A Jackson module that records, on every {@link Located} element, the line its YAML mapping starts on
 * (from the parser's {@code JsonLocation}).
 */
final class LineNumbers extends SimpleModule {

    LineNumbers() {
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return Located.class.isAssignableFrom(description.getBeanClass())
                        ? new Locating(deserializer) : deserializer;
            }
        });
    }

    private static final class Locating extends DelegatingDeserializer implements ResolvableDeserializer {

        Locating(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Locating(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            int line = parser.currentTokenLocation().getLineNr();
            Object value = super.deserialize(parser, context);
            if (value instanceof Located located) {
                located.line = line;
            }
            return value;
        }
    }
}
