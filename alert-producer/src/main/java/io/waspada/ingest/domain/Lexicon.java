package io.waspada.ingest.domain;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;

/**
 * A closed set of words (field names, vocabularies, country codes) asked "is this one of you?" dozens of times per
 * event. {@code Set.of} answers through a division and the word's full hash code, which a value fresh from the
 * parser computes each time (a fifth of reading an event went to such look-ups); this hashes a word's length and
 * three of its characters into a power-of-two table and compares by identity first (the parser interns field names,
 * as Java interns the literals here), then by content. Immutable and thread-safe; iterates in the order given.
 */
public final class Lexicon extends AbstractSet<String> {

    private final String[] words;
    private final String[] table;
    private final int mask;

    private Lexicon(String[] words) {
        this.words = words;
        int slots = Integer.highestOneBit(Math.max(words.length, 1) * 4 - 1) << 1;
        this.table = new String[slots];
        this.mask = slots - 1;
        for (String word : words) {
            if (!contains(word)) {
                int slot = slot(word);
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = word;
            }
        }
    }

    public static Lexicon of(String... words) {
        return new Lexicon(Arrays.stream(words).distinct().toArray(String[]::new));
    }

    public static Lexicon copyOf(Collection<String> words) {
        return words instanceof Lexicon lexicon ? lexicon : of(words.toArray(String[]::new));
    }

    /** Both lexicons' words. */
    public Lexicon with(Collection<String> more) {
        String[] all = Arrays.copyOf(words, words.length + more.size());
        int i = words.length;
        for (String word : more) {
            all[i++] = word;
        }
        return of(all);
    }

    @Override
    public boolean contains(Object candidate) {
        if (!(candidate instanceof String word)) {
            return false;
        }
        for (int slot = slot(word); ; slot = (slot + 1) & mask) {
            String known = table[slot];
            if (known == null) {
                return false;
            }
            if (known == word || known.equals(word)) {
                return true;
            }
        }
    }

    private int slot(String word) {
        int length = word.length();
        int mixed = length == 0 ? 0 : (length * 31 + word.charAt(0)) * 31 + word.charAt(length >>> 1) * 7
                + word.charAt(length - 1);
        return (mixed * 0x9E3779B9) >>> 16 & mask;
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.asList(words).iterator();
    }

    @Override
    public int size() {
        return words.length;
    }
}
