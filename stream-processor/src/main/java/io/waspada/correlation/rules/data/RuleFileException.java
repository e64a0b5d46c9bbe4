package io.waspada.correlation.rules.data;

import java.util.List;

/** A rule file that does not validate: every problem found, each as {@code file:line: problem}. */
public final class RuleFileException extends RuntimeException {

    private final List<String> problems;

    public RuleFileException(List<String> problems) {
        super("Invalid rules:\n" + String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, as {@code file:line: problem}, in file order. */
    public List<String> problems() {
        return problems;
    }
}
