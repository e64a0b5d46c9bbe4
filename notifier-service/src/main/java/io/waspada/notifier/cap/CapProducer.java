package io.waspada.notifier.cap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's CAP writer: sender {@code waspada.cap.sender}, times in zone {@code waspada.cap.zone} (an offset, never Z). */
@ApplicationScoped
public class CapProducer {

    @Produces
    @Singleton
    CapWriter capWriter(@ConfigProperty(name = "waspada.cap.sender", defaultValue = "waspada@notifier.local") String sender,
            @ConfigProperty(name = "waspada.cap.zone", defaultValue = "Asia/Kuala_Lumpur") String zone) {
        return new CapWriter(sender, ZoneId.of(zone));
    }
}
