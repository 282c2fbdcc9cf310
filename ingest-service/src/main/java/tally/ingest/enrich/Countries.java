package tally.ingest.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * A client's country, ISO 3166-1 alpha-2: from a header that a trusted front end sets (e.g.
 * Cloudflare's CF-IPCountry), else from an offline IP-to-country database in MaxMind's format.
 * The build bundles the public one of ip-location-db (geo-whois-asn-country, CC0, data CC BY 4.0
 * by the NRO); a deployment may point TALLY_INGEST_GEOIP_DATABASE at a newer or better file.
 * Private and loopback addresses have no country. The address is only looked up, never kept.
 *
 * <p>This class is thread-safe (the reader is).
 */
final class Countries implements AutoCloseable {

    /** The bundled database, a classpath resource the build fetches from npm. */
    static final String BUNDLED = "/geoip/geo-whois-asn-country.mmdb";

    private final Reader reader;

    private Countries(Reader reader) {
        this.reader = reader;
    }

    /**
     * The database at {@code path}, or the bundled one when {@code path} is blank. Either is
     * memory-mapped (the bundled one from a copy in the temporary directory), so its 8 MB stay
     * out of the heap and only the pages that lookups touch are resident.
     */
    static Countries open(String path) {
        try {
            if (path != null && !path.isBlank()) {
                return new Countries(new Reader(Path.of(path).toFile(), new CHMCache()));
            }
            Path copy = bundledCopy();
            Countries countries = new Countries(new Reader(copy.toFile(), new CHMCache()));
            forget(copy);
            return countries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the IP-to-country database " + path, e);
        }
    }

    private static Path bundledCopy() throws IOException {
        try (InputStream bundled = Countries.class.getResourceAsStream(BUNDLED)) {
            if (bundled == null) {
                throw new IllegalStateException("the IP-to-country database " + BUNDLED + " is missing from the jar");
            }
            Path copy = Files.createTempFile("tally-geoip-", ".mmdb");
            copy.toFile().deleteOnExit();
            Files.copy(bundled, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
    }

    /**
     * Deletes the copy's name once it is mapped: the mapping keeps its pages, and a service killed
     * with SIGKILL, which runs no exit hooks, leaves no 8 MB copy behind. Where a mapped file
     * cannot be deleted, it goes when the JVM exits.
     */
    private static void forget(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException stillMapped) {
            // deleteOnExit, set when it was made, removes it then
        }
    }

    /**
     * @param headerValue the trusted header's value, or null when none is trusted or sent
     * @param address     the client's address
     */
    String country(String headerValue, InetAddress address) {
        if (headerValue != null && headerValue.length() == 2 && Character.isLetter(headerValue.charAt(0))
                && Character.isLetter(headerValue.charAt(1)) && !headerValue.equalsIgnoreCase("XX")) {
            return headerValue.toUpperCase(Locale.ROOT);
        }
        if (address == null || address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()) {
            return null;
        }
        try {
            Map<?, ?> record = reader.get(address, Map.class);
            if (record == null) {
                return null;
            }
            Object code = record.get("country_code");
            if (code == null && record.get("country") instanceof Map<?, ?> country) {
                code = country.get("iso_code");
            }
            return code instanceof String s && s.length() == 2 ? s.toUpperCase(Locale.ROOT) : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
