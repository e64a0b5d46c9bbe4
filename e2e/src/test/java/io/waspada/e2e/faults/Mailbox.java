package io.waspada.e2e.faults;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.util.HashSet;
import java.util.Set;

/** What the real SMTP server received, by alert: every mail names its alerts' ids in its text. */
final class Mailbox {

    private Mailbox() {
    }

    /** Those of {@code alertIds} that some mail named. */
    static Set<String> named(GreenMail smtp, Set<String> alertIds) {
        Set<String> named = new HashSet<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            String body = GreenMailUtil.getBody(message);
            for (String id : alertIds) {
                if (!named.contains(id) && body.contains(id)) {
                    named.add(id);
                }
            }
        }
        return named;
    }
}
