package io.waspada.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SiteRegistryTest {

    private final SiteRegistry registry = SiteRegistry.defaults();

    @Test
    void knowsTheContractsBorderCrossingsAndPorts() {
        for (String code : new String[] {"BUKIT_KAYU_HITAM", "PADANG_BESAR", "RANTAU_PANJANG", "JOHOR_CAUSEWAY",
                "SECOND_LINK", "PASIR_GUDANG", "PORT_KLANG", "KLIA", "TEBEDU", "ENTIKONG", "TAWAU", "NUNUKAN",
                "SANDAKAN", "KOTA_KINABALU"}) {
            assertThat(registry.find(code)).as(code).isPresent();
            assertThat(registry.isBorderSite(code)).as(code).isTrue();
        }
        assertThat(registry.lookup("ENTIKONG").country()).isEqualTo("ID");
        assertThat(registry.lookup("TEBEDU").kind().domain()).isEqualTo("LAND");
        assertThat(registry.lookup("PORT_KLANG").kind().domain()).isEqualTo("SEA");
        assertThat(registry.lookup("KLIA").kind().domain()).isEqualTo("AIR");
    }

    @Test
    void anUnknownSiteIsAnInlandPlaceNeverAnError() {
        Site site = registry.lookup("KAMPUNG_BARU_WORKSHOP");
        assertThat(site.kind()).isEqualTo(SiteKind.INLAND);
        assertThat(registry.isBorderSite("KAMPUNG_BARU_WORKSHOP")).isFalse();
        assertThat(registry.isBorderSite(null)).isFalse();
    }

    @Test
    void aBadLineIsReportedWithItsLineNumber() {
        assertThatThrownBy(() -> SiteRegistry.parse(new StringReader("# header\nX,NOT_A_KIND,MY,KEDAH,1,2,x\n"), "sites.csv"))
                .hasMessageContaining("sites.csv:2");
    }
}
