package io.waspada.correlation.rulebook;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two rule sources (line by line, longest common subsequence, the whole document as one hunk with
 * every line as context): what the audit record of a rule change carries.
 */
public final class SourceDiff {

    /** Documents are small (the API bounds them); beyond this many lines each, the diff is every line out and in. */
    private static final int MAX_LINES = 2_000;

    private SourceDiff() {
    }

    public static String unified(String fromName, String from, String toName, String to) {
        List<String> a = lines(from);
        List<String> b = lines(to);
        StringBuilder diff = new StringBuilder();
        diff.append("--- ").append(fromName).append('\n').append("+++ ").append(toName).append('\n');
        diff.append("@@ -").append(range(a.size())).append(" +").append(range(b.size())).append(" @@\n");
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            a.forEach(line -> diff.append('-').append(line).append('\n'));
            b.forEach(line -> diff.append('+').append(line).append('\n'));
            return diff.toString();
        }
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                diff.append(' ').append(a.get(i++)).append('\n');
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                diff.append('-').append(a.get(i++)).append('\n');
            } else {
                diff.append('+').append(b.get(j++)).append('\n');
            }
        }
        return diff.toString();
    }

    private static String range(int lines) {
        return lines == 0 ? "0,0" : "1," + lines;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return lines;
        }
        for (String line : text.split("\r?\n", -1)) {
            lines.add(line);
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
