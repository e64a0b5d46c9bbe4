package io.waspada.feed;

import java.util.List;

/** A place agencies report from: a border crossing, port, airport or sea area ({@code site} null: not in the site registry), with who usually reports there. */
public record Place(String name, String site, double lat, double lon, String country, String region, List<String> agencies) {

    /** The places of the domain: Bukit Kayu Hitam, the Johor causeway, Tebedu/Entikong, Tawau/Nunukan, Port Klang, KLIA, the Strait of Malacca. */
    public static final List<Place> ALL = List.of(
            new Place("BUKIT_KAYU_HITAM", "BUKIT_KAYU_HITAM", 6.5119, 100.4196, "MY", "KEDAH", List.of("IMMIGRATION", "RMP_GOF", "CUSTOMS")),
            new Place("PADANG_BESAR", "PADANG_BESAR", 6.6621, 100.3217, "MY", "PERLIS", List.of("IMMIGRATION", "RMP_GOF")),
            new Place("RANTAU_PANJANG", "RANTAU_PANJANG", 6.0213, 101.9747, "MY", "KELANTAN", List.of("IMMIGRATION", "RMP_GOF", "CUSTOMS")),
            new Place("JOHOR_CAUSEWAY", "JOHOR_CAUSEWAY", 1.4655, 103.7680, "MY", "JOHOR", List.of("IMMIGRATION", "CUSTOMS", "RMP")),
            new Place("SECOND_LINK", "SECOND_LINK", 1.3544, 103.6362, "MY", "JOHOR", List.of("IMMIGRATION", "CUSTOMS")),
            new Place("PASIR_GUDANG", "PASIR_GUDANG", 1.4586, 103.9036, "MY", "JOHOR", List.of("MMEA", "CUSTOMS")),
            new Place("TEBEDU", "TEBEDU", 1.0043, 110.3670, "MY", "SARAWAK", List.of("IMMIGRATION", "RMP_GOF")),
            new Place("ENTIKONG", "ENTIKONG", 0.9856, 110.3544, "ID", "KALIMANTAN_BARAT", List.of("ID_IMIGRASI", "ID_POLRI")),
            new Place("TAWAU", "TAWAU", 4.2448, 117.8810, "MY", "SABAH", List.of("MMEA", "IMMIGRATION", "RMP")),
            new Place("NUNUKAN", "NUNUKAN", 4.1370, 117.6660, "ID", "KALIMANTAN_UTARA", List.of("ID_IMIGRASI", "ID_POLRI", "ID_BP2MI")),
            new Place("PORT_KLANG", "PORT_KLANG", 3.0004, 101.3925, "MY", "SELANGOR", List.of("MMEA", "CUSTOMS")),
            new Place("KLIA", "KLIA", 2.7456, 101.7072, "MY", "SELANGOR", List.of("IMMIGRATION", "CUSTOMS")),
            new Place("STRAIT_OF_MALACCA", null, 2.5000, 101.0000, "MY", "SELANGOR", List.of("MMEA")),
            new Place("KUALA_LUMPUR", null, 3.1390, 101.6869, "MY", "WILAYAH_PERSEKUTUAN", List.of("RMP", "LABOUR", "NTF")),
            new Place("KOTA_KINABALU", "KOTA_KINABALU", 5.9804, 116.0735, "MY", "SABAH", List.of("RMP", "LABOUR", "IMMIGRATION")));

    public static Place named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no place " + name));
    }

    /** A point near this place (within about a kilometre), so reports are not all on one coordinate. */
    public double[] near(java.util.Random random) {
        return new double[] {round(lat + (random.nextDouble() - 0.5) / 50), round(lon + (random.nextDouble() - 0.5) / 50)};
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
