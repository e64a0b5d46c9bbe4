package io.waspada.correlation.api;

import java.util.List;

/** A rule change that is not made, and the problem to answer with (nothing was written). */
final class RuleChangeRefused extends RuntimeException {

    final int status;
    final String title;
    final String field;
    final Integer line;
    final List<String> problems;

    RuleChangeRefused(int status, String title, String detail, String field, Integer line, List<String> problems) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.line = line;
        this.problems = problems;
    }

    jakarta.ws.rs.core.Response toResponse() {
        return Problem.response(status, title, getMessage(), field, line, problems);
    }

    static RuleChangeRefused badRequest(String detail, String field) {
        return new RuleChangeRefused(400, "Bad Request", detail, field, null, null);
    }
}
