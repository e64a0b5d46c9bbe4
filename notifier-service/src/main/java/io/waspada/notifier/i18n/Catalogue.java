package io.waspada.notifier.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message catalogues, one per {@link Language}: {@code i18n/messages_<code>.properties} (UTF-8) on the class path.
 * Every user-visible text of the console, the ops page, emails, CAP and alert titles is a key there; placeholders are
 * named, {@code {agency}}, filled by {@link #text}. Keys starting {@code ui.} are what the browser pages get
 * ({@code GET /api/v1/messages}). Every language has every key: {@code CatalogueTest} fails otherwise.
 */
public final class Catalogue {

    public static final String RESOURCE = "i18n/messages_%s.properties";
    public static final String UI_PREFIX = "ui.";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");
    private static final Catalogue DEFAULT = new Catalogue();

    private final Map<Language, Map<String, String>> messages = new EnumMap<>(Language.class);

    private Catalogue() {
        for (Language language : Language.values()) {
            messages.put(language, Collections.unmodifiableMap(load(language)));
        }
    }

    /** The catalogues of the class path, loaded once. */
    public static Catalogue get() {
        return DEFAULT;
    }

    /** Every key and text of one language, sorted by key. */
    public Map<String, String> all(Language language) {
        return messages.get(language);
    }

    /** The browser pages' texts ({@code ui.*}) of one language. */
    public Map<String, String> ui(Language language) {
        Map<String, String> ui = new TreeMap<>();
        messages.get(language).forEach((key, value) -> {
            if (key.startsWith(UI_PREFIX)) {
                ui.put(key, value);
            }
        });
        return ui;
    }

    public boolean has(Language language, String key) {
        return messages.get(language).containsKey(key);
    }

    /**
     * The text of {@code key} in {@code language} with its {@code {name}} placeholders filled from {@code args}
     * (name, value, name, value...); a key missing there falls back to English, then to the key itself.
     */
    public String text(Language language, String key, Object... args) {
        String pattern = messages.get(language).get(key);
        if (pattern == null) {
            pattern = messages.get(Language.EN).getOrDefault(key, key);
        }
        if (args.length == 0) {
            return pattern;
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            values.put(String.valueOf(args[i]), String.valueOf(args[i + 1]));
        }
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The placeholder names of one text, for the completeness test. */
    public static java.util.Set<String> placeholders(String text) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Map<String, String> load(Language language) {
        String resource = RESOURCE.formatted(language.code());
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No message catalogue " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> map = new TreeMap<>();
            properties.forEach((k, v) -> map.put(k.toString(), v.toString()));
            return map;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }
}
