package io.waspada.e2e.tracing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A trace backend for tests, for real on loopback: takes what the services export over OTLP/HTTP (protobuf, as
 * Jaeger's or a collector's {@code /v1/traces} does) and keeps every span with the service that sent it.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One exported span: ids in lowercase hex (the parent's empty for a root), attributes as strings. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            Span.SpanKind kind, Map<String, String> attributes, List<String> links) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/v1/traces", exchange -> {
            try (InputStream raw = exchange.getRequestBody();
                    InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(raw) : raw) {
                keep(ExportTraceServiceRequest.parseFrom(body));
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException | RuntimeException e) {
                problems.add(e.toString());
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    private void keep(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name", "?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    spans.add(new ReceivedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
                            HEX.formatHex(span.getSpanId().toByteArray()),
                            HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind(),
                            attributes(span.getAttributesList()), span.getLinksList().stream()
                                    .map(link -> HEX.formatHex(link.getSpanId().toByteArray())).toList()));
                }
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyValue value : values) {
            var any = value.getValue();
            out.put(value.getKey(), switch (any.getValueCase()) {
                case STRING_VALUE -> any.getStringValue();
                case INT_VALUE -> Long.toString(any.getIntValue());
                case BOOL_VALUE -> Boolean.toString(any.getBoolValue());
                case DOUBLE_VALUE -> Double.toString(any.getDoubleValue());
                default -> any.toString();
            });
        }
        return out;
    }

    /** The OTLP/HTTP traces endpoint, for {@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every span of one trace received so far. */
    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    List<ReceivedSpan> all() {
        return List.copyOf(spans);
    }

    /** Requests that did not decode (none expected). */
    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
