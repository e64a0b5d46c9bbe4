package io.waspada.feed;

import java.util.List;
import java.util.Random;

/** Seeded, plausible raw identifiers of the region (passports, phones, plates, MMSI, IMO) for synthetic traffic. */
final class FakeIdentifiers {

    static final List<String> NATIONALITIES = List.of("ID", "ID", "ID", "MY", "MM", "BD", "NP", "PH", "TH", "VN", "KH");

    private final Random random;

    FakeIdentifiers(Random random) {
        this.random = random;
    }

    String nationality() {
        return NATIONALITIES.get(random.nextInt(NATIONALITIES.size()));
    }

    String passport() {
        return (char) ('A' + random.nextInt(26)) + digits(7);
    }

    /** A mobile number in the spelling an officer might type. */
    String phone(String country) {
        return switch (country) {
            case "MY" -> "+60 1" + random.nextInt(10) + "-" + digits(3) + " " + digits(4);
            case "TH" -> "+66 8" + digits(1) + " " + digits(3) + " " + digits(4);
            default -> "+62 8" + (11 + random.nextInt(9)) + "-" + digits(4) + "-" + digits(4);
        };
    }

    String plate(String country) {
        return "MY".equals(country)
                ? letters(3) + " " + (1000 + random.nextInt(9000))
                : letters(1) + " " + (1000 + random.nextInt(9000)) + " " + letters(2);
    }

    /** Indonesian (525) or Malaysian (533) ship station. */
    String mmsi() {
        return (random.nextBoolean() ? "525" : "533") + digits(6);
    }

    String imo() {
        String six = digits(6);
        int sum = 0;
        for (int i = 0; i < 6; i++) {
            sum += (six.charAt(i) - '0') * (7 - i);
        }
        return "IMO " + six + (sum % 10);
    }

    private String digits(int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private String letters(int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('A' + random.nextInt(26)));
        }
        return out.toString();
    }
}
