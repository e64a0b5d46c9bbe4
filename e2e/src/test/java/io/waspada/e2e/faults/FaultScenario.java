package io.waspada.e2e.faults;

import java.time.Duration;

/**
 * One fault of the suite: what is done to the running platform ({@code inject}), how long it lasts ({@code hold}), and
 * what ends it ({@code end}: a killed instance started again, a node back, a receiver accepting again). A fault with
 * nothing to end (a poison record, a hot key) has a zero hold and an empty end.
 */
record FaultScenario(int number, String name, Duration hold, Step inject, Step end) {

    /** The receiver's outage: the suite checks that it refused something. */
    boolean refusesPages() {
        return number == 4;
    }

    /** Poison records: the suite checks the one on the alerts topic is there, undecodable. */
    boolean plantsPoison() {
        return number == 6;
    }

    /** Something done to the rig. */
    @FunctionalInterface
    interface Step {
        void run(FaultRig rig) throws Exception;
    }

    /** 1. kill -9 one stream-processor mid-stream; the other takes its tasks over; started again after {@code hold}. */
    static FaultScenario killProcessor(Duration hold) {
        return new FaultScenario(1, "1 kill -9 a stream-processor", hold, rig -> rig.kill("stream-processor-2"),
                rig -> rig.startInstance("stream-processor-2"));
    }

    /** 2. kill -9 one broker of three (its own process: no controlled shutdown); started again on its data. */
    static FaultScenario killBroker(Duration hold) {
        return new FaultScenario(2, "2 kill -9 a broker of 3", hold, rig -> rig.platform().killKafkaNode(2),
                rig -> rig.platform().startKafkaNode(2));
    }

    /** 3. kill -9 one notifier; the other takes its partitions over; started again after {@code hold}. */
    static FaultScenario killNotifier(Duration hold) {
        return new FaultScenario(3, "3 kill -9 a notifier", hold, rig -> rig.kill("notifier-service-2"),
                rig -> rig.startInstance("notifier-service-2"));
    }

    /** 4. The task force's webhook receiver refuses every call (503) for {@code hold}, then accepts again. */
    static FaultScenario refusingReceiver(Duration hold) {
        return new FaultScenario(4, "4 webhook refuses " + hold.toSeconds() + " s", hold, rig -> rig.hook().refuse(),
                rig -> rig.hook().accept());
    }

    /**
     * 5. Every broker unreachable at once (the Kafka process frozen with SIGSTOP) for {@code hold}, while
     * {@code clients} agency clients post beside the feed; they go on until ingest accepts again by itself.
     */
    static FaultScenario kafkaUnreachable(Duration hold, int clients) {
        java.util.concurrent.atomic.AtomicReference<IngestCrowd> crowd = new java.util.concurrent.atomic.AtomicReference<>();
        return new FaultScenario(5, "5 Kafka unreachable " + hold.toSeconds() + " s", hold, rig -> {
            crowd.set(IngestCrowd.start(rig, clients, Duration.ofMillis(250)));
            rig.freezeKafka(true);
        }, rig -> {
            rig.freezeKafka(false);
            IngestCrowd running = crowd.getAndSet(null);
            if (running == null) {
                return;
            }
            try (running) {
                try {
                    running.awaitAccepting(Duration.ofMinutes(3));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    rig.problem("ingest accepted nothing within 3 minutes of Kafka's return");
                }
                rig.note("5: " + clients + " " + running.report());
                running.problems().forEach(rig::problem);
            }
        });
    }

    /** 6. A record no schema decodes on every topic a service reads. */
    static FaultScenario poisonRecords() {
        return new FaultScenario(6, "6 poison on every input topic", Duration.ZERO, PoisonRecords::plant, rig -> {
        });
    }

    /** 7. {@code count} events naming one facilitator phone, posted in batches while the feed runs. */
    static FaultScenario hotKey(int count) {
        return new FaultScenario(7, "7 hot key (" + count + " events)", Duration.ZERO, rig -> HotKey.post(rig, count),
                rig -> {
                });
    }
}
