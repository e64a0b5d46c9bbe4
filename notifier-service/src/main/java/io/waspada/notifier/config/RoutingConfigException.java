package io.waspada.notifier.config;

/** A routing configuration that cannot be used; the message names the file, the line and the problem. */
public class RoutingConfigException extends RuntimeException {

    public RoutingConfigException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
    }

    public RoutingConfigException(String source, int line, String problem, Throwable cause) {
        super(source + ":" + line + ": " + problem, cause);
    }
}
