package io.waspada.e2e.rules;

import io.waspada.avro.Sighting;
import io.waspada.kafka.KafkaConnection;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Passports crossing from Indonesia into Malaysia as they happen, written to {@code tip.sightings.v1} at a steady rate
 * while the test does other things: each tick one new passport, sighted at Entikong (ID) and at Tebedu (MY), every third
 * one also at Hat Yai (TH), all within one second of event time that has just passed (observedAt = the last whole
 * second + 100, 200, 300 ms: a switch point on a whole second never splits one passport's events).
 */
final class LiveCrossings implements AutoCloseable {

    /** One passport's crossing: its token, the whole second its events were observed in, its eventIds, countries. */
    record Crossing(String token, Instant second, List<String> eventIds, int countries) {
    }

    private final KafkaProducer<String, Sighting> producer;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-crossings");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Crossing> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final String run;

    LiveCrossings(KafkaConnection kafka, String run, Duration every) {
        this.producer = TopicClients.producer(kafka, Topics.SIGHTINGS);
        this.run = run;
        ticks.scheduleAtFixedRate(this::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            int n = next.getAndIncrement();
            String token = "X" + run + "-" + n;
            Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
            List<Sighting> events = new ArrayList<>(List.of(
                    Crossings.adult(token + "-a", "ID_IMIGRASI", second.plusMillis(100), Crossings.ENTIKONG, token),
                    Crossings.adult(token + "-b", "IMMIGRATION", second.plusMillis(300), Crossings.TEBEDU, token)));
            if (n % 3 == 0) {
                events.add(Crossings.adult(token + "-c", "RMP", second.plusMillis(200), Crossings.HAT_YAI, token));
            }
            for (Sighting event : events) {
                producer.send(new ProducerRecord<>(Topics.SIGHTINGS.name(), event.getEventId(), event)).get(30,
                        TimeUnit.SECONDS);
            }
            sent.add(new Crossing(token, second, events.stream().map(Sighting::getEventId).sorted().toList(),
                    events.size()));
        } catch (Exception e) {
            failure.compareAndSet(null, e);
            throw new IllegalStateException(e);
        }
    }

    /** The crossings written so far (each one's events all acknowledged by the broker). */
    List<Crossing> sent() {
        return List.copyOf(sent);
    }

    /** Stops the ticks and waits for the last one; fails if a write failed. */
    @Override
    public void close() {
        ticks.shutdown();
        try {
            if (!ticks.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the live crossings did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(Duration.ofSeconds(30));
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a crossing could not be written", failure.get());
        }
    }
}
