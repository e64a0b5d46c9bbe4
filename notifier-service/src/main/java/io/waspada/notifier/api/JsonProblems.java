package io.waspada.notifier.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Malformed or mistyped JSON bodies get a 400 {@code application/problem+json} naming the field, not an empty 400. */
public class JsonProblems {

    // Quarkus REST ships mappers for these exact types (an empty 400); more specific types and a higher priority win.
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e) {
        return malformed(e);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unparsable(JsonParseException e) {
        return malformed(e);
    }

    /** Unparsable JSON reaches resources wrapped in a 400 WebApplicationException; anything else keeps its response. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response wrapped(WebApplicationException e) {
        return e.getCause() instanceof JsonProcessingException json ? malformed(json) : e.getResponse();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response malformed(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : "body";
        return Problem.badRequest(field, "unreadable JSON: " + e.getOriginalMessage());
    }
}
