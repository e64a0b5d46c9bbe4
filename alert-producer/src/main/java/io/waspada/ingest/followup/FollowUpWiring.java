package io.waspada.ingest.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.waspada.kafka.KafkaConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the agencies' side of follow-up requests: the requests' view and the replies' writer. */
@ApplicationScoped
public class FollowUpWiring {

    @Produces
    @Singleton
    @Startup
    FollowUpRequests requests(KafkaConnection kafka, ObjectMapper json,
            @ConfigProperty(name = "waspada.follow-up.claim-timeout", defaultValue = "PT5M") Duration claimTimeout) {
        return new FollowUpRequests(kafka, json, new ReplyClaims(claimTimeout, Clock.systemUTC()));
    }

    void close(@Disposes FollowUpRequests requests) {
        requests.close();
    }

    @Produces
    @Singleton
    FollowUpReplies replies(KafkaConnection kafka, ObjectMapper json) {
        return new FollowUpReplies(kafka, json);
    }

    void close(@Disposes FollowUpReplies replies) {
        replies.close();
    }
}
