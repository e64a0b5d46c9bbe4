package io.waspada.notifier.state;

import io.waspada.notifier.kafka.Readers;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The notifier's {@link NotifierStore}, in {@code waspada.notifier.state-dir} (kept across restarts, so a start reads
 * only what was written since) or, if that is not set, in a temporary directory rebuilt from the topics on each start.
 * Two instances on one machine need two directories.
 */
@ApplicationScoped
public class LocalState {

    private final Readers readers;
    private final Optional<Path> stateDir;
    private final List<TrailListener> listeners = new CopyOnWriteArrayList<>();
    private volatile NotifierStore store;

    @Inject
    public LocalState(Readers readers, @ConfigProperty(name = "waspada.notifier.state-dir") Optional<String> stateDir) {
        this.readers = readers;
        this.stateDir = stateDir.filter(dir -> !dir.isBlank()).map(Path::of);
    }

    /** Told of every lifecycle event once it is in the store (register before {@link #start}). */
    public void onStored(TrailListener listener) {
        listeners.add(listener);
    }

    /** Opens the store and brings it up to the topics' ends; once. */
    public synchronized void start(Duration timeout) throws InterruptedException {
        if (store == null) {
            store = NotifierStore.open(readers.connection(), stateDir,
                    (position, event) -> listeners.forEach(l -> l.stored(position, event)), readers::deadLetter,
                    timeout);
        }
    }

    public NotifierStore store() {
        NotifierStore open = store;
        if (open == null) {
            throw new IllegalStateException("the notifier's local state is not open yet");
        }
        return open;
    }

    public boolean running() {
        return store != null && store.running();
    }

    public String describe() {
        return store == null ? "not started" : store.describe();
    }

    @PreDestroy
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
