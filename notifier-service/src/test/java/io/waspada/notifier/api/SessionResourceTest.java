package io.waspada.notifier.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.notifier.auth.DemoSessions;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/**
 * Where there are no demo officers (a deployment: officers sign in at the identity provider) the password sign-in
 * endpoint answers 404 whatever is sent. The signed-in paths run against the application in {@code SessionApiTest}.
 */
class SessionResourceTest {

    @Test
    void withoutDemoOfficersPasswordSignInIsNotFound() {
        SessionResource resource = new SessionResource();
        resource.sessions = new DemoSessions(); // never started: what a deployment with demo officers off has
        Response answer = resource.signIn(new SessionResource.Credentials("ops", "secret"));
        assertThat(answer.getStatus()).isEqualTo(404);
        assertThat(answer.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(((Problem) answer.getEntity()).detail()).contains("identity provider");
        assertThat(resource.signIn(null).getStatus()).isEqualTo(404);
    }
}
