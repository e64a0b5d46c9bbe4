package io.waspada.notifier.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * A real local HTTP server standing in for a platform service whose health is DOWN: {@code GET /q/health} answers
 * 503 with a Quarkus health document in which the {@value #FAILING_CHECK} check is DOWN and another is UP.
 */
public final class ServiceStandIn implements AutoCloseable {

    public static final String FAILING_CHECK = "Kafka Streams topology";

    private final HttpServer server;

    public ServiceStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/q/health", exchange -> {
            byte[] body = """
                    {"status":"DOWN","checks":[{"name":"%s","status":"DOWN","data":{"state":"ERROR"}},
                    {"name":"Kafka connection health check","status":"UP"}]}""".formatted(FAILING_CHECK)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A local URL where nothing listens (a port taken from the OS and released again). */
    public static String nothingListening() {
        return "http://127.0.0.1:" + freePort();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
