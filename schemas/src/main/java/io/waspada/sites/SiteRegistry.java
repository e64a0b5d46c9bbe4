package io.waspada.sites;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The site registry: the border crossings, ports and airports the rules and routing know, from a CSV
 * ({@code code,kind,country,region,lat,lon,name}). The default ships in this module; a deployment can
 * load its own file. Unknown codes are never an error: {@link #lookup} treats them as inland places.
 */
public final class SiteRegistry {

    private static final String DEFAULT = "/io/waspada/sites/sites.csv";

    private final Map<String, Site> sites;

    private SiteRegistry(Map<String, Site> sites) {
        this.sites = Map.copyOf(sites);
    }

    public static SiteRegistry defaults() {
        try (InputStream in = SiteRegistry.class.getResourceAsStream(DEFAULT)) {
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SiteRegistry load(Path csv) {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return parse(reader, csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SiteRegistry parse(Reader source, String origin) throws IOException {
        Map<String, Site> sites = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(source);
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", 7);
            if (f.length != 7) {
                throw new IllegalArgumentException(origin + ":" + lineNumber
                        + ": expected code,kind,country,region,lat,lon,name but got '" + line + "'");
            }
            try {
                Site site = new Site(f[0].strip(), SiteKind.valueOf(f[1].strip()), f[2].strip(), f[3].strip(),
                        Double.parseDouble(f[4].strip()), Double.parseDouble(f[5].strip()), f[6].strip());
                sites.put(site.code(), site);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + ":" + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return new SiteRegistry(sites);
    }

    /** The registered site, if any. */
    public Optional<Site> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(sites.get(code));
    }

    /** The registered site, or an inland place of that code. */
    public Site lookup(String code) {
        return find(code).orElseGet(() -> Site.inland(code));
    }

    public boolean isBorderSite(String code) {
        return lookup(code).kind().isBorder();
    }

    public Collection<Site> all() {
        return sites.values();
    }
}
