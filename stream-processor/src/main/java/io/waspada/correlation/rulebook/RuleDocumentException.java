package io.waspada.correlation.rulebook;

import java.util.List;

/**
 * A rule document that does not describe a rule this deployment can run: its problems, each {@code line N: what}
 * (the line of the YAML source), first problem's line in {@link #line()} (0 when no line applies).
 */
public final class RuleDocumentException extends Exception {

    private final List<String> problems;
    private final int line;

    public RuleDocumentException(int line, String problem) {
        this(line, List.of(line > 0 ? "line " + line + ": " + problem : problem));
    }

    public RuleDocumentException(int line, List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.line = line;
    }

    public List<String> problems() {
        return problems;
    }

    public int line() {
        return line;
    }
}
