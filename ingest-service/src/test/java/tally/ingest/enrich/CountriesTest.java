package tally.ingest.enrich;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** Countries from the bundled IP-to-country database, or from a trusted header. */
class CountriesTest {

    static final Countries COUNTRIES = Countries.open("");

    @AfterAll
    static void close() throws Exception {
        COUNTRIES.close();
    }

    @Test
    void looksUpPublicAddressesOfBothFamilies() {
        assertThat(COUNTRIES.country(null, InetAddress.ofLiteral("8.8.8.8"))).isEqualTo("US");
        assertThat(COUNTRIES.country(null, InetAddress.ofLiteral("2001:4860:4860::8888"))).isEqualTo("US");
        assertThat(COUNTRIES.country(null, InetAddress.ofLiteral("193.0.6.139"))).isEqualTo("NL");
    }

    @Test
    void privateAndLoopbackAddressesHaveNoCountry() {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "192.168.1.20", "::1", "fe80::1"}) {
            assertThat(COUNTRIES.country(null, InetAddress.ofLiteral(address))).as(address).isNull();
        }
    }

    @Test
    void aTrustedHeaderWinsUnlessItSaysUnknown() {
        assertThat(COUNTRIES.country("ch", InetAddress.ofLiteral("8.8.8.8"))).isEqualTo("CH");
        assertThat(COUNTRIES.country("XX", InetAddress.ofLiteral("8.8.8.8"))).isEqualTo("US");
        assertThat(COUNTRIES.country("not a country", InetAddress.ofLiteral("8.8.8.8"))).isEqualTo("US");
    }
}
