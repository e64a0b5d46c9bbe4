package io.waspada.ingest.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A crowd of agency systems posting sightings at once: each client posts a fresh event as soon as its last one is
 * answered (closed loop, no back-off: the worst case for the service), until the crowd is stopped. All clients share
 * one Vert.x HTTP client on one event loop of its own, so 200 clients cost 200 connections but no thread each in the
 * JVM whose threads the test counts. (The JDK's HttpClient hands every asynchronous answer to the common pool, which
 * on a 2-core machine means a new thread per answer.)
 */
public final class ConcurrentPosts implements AutoCloseable {

    private static final long ANSWER_TIMEOUT_MS = 60_000;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
            .setInternalBlockingPoolSize(1));
    private final HttpClient http;
    private final URI sightings;
    private final String authorization;

    public ConcurrentPosts(URI sightings, String authorization, int maxClients) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(maxClients).setKeepAlive(true)
                .setConnectTimeout(10_000));
        this.sightings = sightings;
        this.authorization = authorization;
    }

    /** A running crowd: stop it, then wait until every client has its last answer. */
    public final class Crowd {

        private final Answers answers;
        private final CountDownLatch finished;
        private volatile boolean stopping;

        private Crowd(int clients, Answers answers) {
            this.answers = answers;
            this.finished = new CountDownLatch(clients);
        }

        /** No client sends another request; those in flight still get their answers. */
        public void stop() {
            stopping = true;
        }

        /** True once every client got the answer to its last request after {@link #stop()}. */
        public boolean finished() {
            return finished.getCount() == 0;
        }

        private void postNext() {
            if (stopping) {
                finished.countDown();
                return;
            }
            ObjectNode body = SampleBodies.sighting();
            String eventId = body.get("eventId").asText();
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(sightings.getHost())
                    .setPort(sightings.getPort()).setURI(sightings.getPath()).setTimeout(ANSWER_TIMEOUT_MS)
                    .putHeader("Authorization", authorization).putHeader("Content-Type", "application/json");
            long sent = System.nanoTime();
            http.request(request)
                    .compose(call -> call.send(Buffer.buffer(body.toString())))
                    .compose(response -> response.body().map(answer -> new Answers.Reply(response.statusCode(),
                            response.getHeader("Retry-After"), response.getHeader("Content-Type"), answer.toString())))
                    .onComplete(reply -> {
                        answers.record(eventId, sent, System.nanoTime(), reply.result(), reply.cause());
                        vertx.runOnContext(next -> postNext());
                    });
        }
    }

    /** Starts {@code clients} clients recording into {@code answers}. */
    public Crowd start(int clients, Answers answers) {
        Crowd crowd = new Crowd(clients, answers);
        vertx.runOnContext(ignored -> {
            for (int i = 0; i < clients; i++) {
                crowd.postNext();
            }
        });
        return crowd;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the crowd's HTTP client did not close", e);
        }
    }
}
