package io.waspada.e2e.faults;

import java.util.Locale;

/**
 * One line of the fault table: events answered 202 and how many of them are on the topics (the rest lost), events
 * written more than once, planted alerts expected and raised, (alertId, version) pairs committed twice, alerts raised
 * and how many were paged (webhook) and mailed, the longest POST-to-page delay of a pattern planted during the fault,
 * and the seconds from the fault's end until every instance was ready, the consumers caught up and every alert
 * raised by then was paged; and any other broken promise the fault itself found (e.g. a 503 without Retry-After).
 */
record ScenarioRow(String scenario, long accepted, long onTopics, long writtenTwice, int alertsExpected,
        int alertsRaised, int duplicateAlerts, int pagesExpected, int paged, int mailed, double maxPageDelaySeconds,
        double recoverSeconds, java.util.List<String> problems) {

    static final String HEADER = String.format(Locale.ROOT, "%-34s %9s %9s %5s %5s %11s %5s %11s %11s %9s %9s",
            "scenario", "accepted", "on topic", "lost", "twice", "alerts e/r", "dup", "pages e/r", "mails e/r",
            "max delay", "recover");

    long lost() {
        return accepted - onTopics;
    }

    int pagesLost() {
        return pagesExpected - paged;
    }

    /**
     * Whether the promise holds: nothing accepted lost or written twice, every expected alert once, every page; and
     * it was measured (events accepted, alerts expected and raised, pages expected, a delay timed during the fault).
     */
    boolean holds() {
        boolean measured = accepted > 0 && alertsExpected > 0 && pagesExpected > 0 && !Double.isNaN(maxPageDelaySeconds)
                && !Double.isNaN(recoverSeconds);
        return measured && lost() == 0 && writtenTwice == 0 && alertsRaised == alertsExpected && duplicateAlerts == 0
                && paged == pagesExpected && mailed == pagesExpected && problems.isEmpty();
    }

    String line() {
        return String.format(Locale.ROOT, "%-34s %9d %9d %5d %5d %5d/%-5d %5d %5d/%-5d %5d/%-5d %9s %9s",
                scenario, accepted, onTopics, lost(), writtenTwice, alertsExpected, alertsRaised, duplicateAlerts,
                pagesExpected, paged, pagesExpected, mailed, seconds(maxPageDelaySeconds), seconds(recoverSeconds));
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1fs", value);
    }
}
