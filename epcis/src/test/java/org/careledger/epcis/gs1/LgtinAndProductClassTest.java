package org.careledger.epcis.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.epcis.gs1.Gs1Assertions.assertRejected;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LgtinAndProductClassTest {

    @Test
    void lgtinClassUriAndDigitalLinkNameTheSameBatch() {
        // Example 9.6.3 and its Digital Link variant write this batch in the two forms
        Lgtin fromUrn = Lgtin.parse("urn:epc:class:lgtin:4012345.012345.998877");
        Lgtin fromLink = Lgtin.parse("https://id.gs1.org/01/04012345123456/10/998877");
        assertThat(fromUrn.gtin()).isEqualTo(new Gtin("04012345123456"));
        assertThat(fromUrn.lot()).isEqualTo("998877");
        assertThat(fromLink).isEqualTo(fromUrn);
        assertThat(Lgtin.parse("(01)04012345123456(10)998877")).isEqualTo(fromUrn);
        assertThat(fromUrn.toEpcClassUri()).isEqualTo("urn:epc:class:lgtin:4012345.012345.998877");
        assertThat(fromUrn.toDigitalLink()).isEqualTo("https://id.gs1.org/01/04012345123456/10/998877");
        assertThat(fromUrn.toElementString()).isEqualTo("(01)04012345123456(10)998877");
    }

    @Test
    void lotsFollowTheSet82Rules() {
        assertRejected(() -> new Lgtin(new Gtin("04012345123456"), "LOT 1"), Gs1ErrorCode.GS1_BAD_LOT,
                "lot (AI 10) 'LOT 1' contains U+0020");
        assertRejected(() -> Lgtin.parse("https://id.gs1.org/01/04012345123456/21/998877"),
                Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER, "/01/{gtin}/10/{lot}");
    }

    @Test
    void productClassInterpretsQuantityEpcClasses() {
        Gtin gtin = new Gtin("04012345123456");
        assertThat(ProductClass.find("urn:epc:class:lgtin:4012345.012345.998877"))
                .contains(new ProductClass(gtin, Optional.of("998877")));
        assertThat(ProductClass.find("https://id.gs1.org/01/04012345123456/10/998877"))
                .contains(new ProductClass(gtin, Optional.of("998877")));
        assertThat(ProductClass.find("urn:epc:idpat:sgtin:4012345.098765.*"))
                .contains(new ProductClass(new Gtin("04012345987652"), Optional.empty()));
        assertThat(ProductClass.find("https://id.gs1.org/01/04012345987652"))
                .contains(new ProductClass(new Gtin("04012345987652"), Optional.empty()));
    }

    @Test
    void productClassIsEmptyForOtherClassesButRejectsBrokenGs1Ones() {
        assertThat(ProductClass.find("urn:epc:idpat:sgtin:4012345.*.*")).isEmpty();
        assertThat(ProductClass.find("urn:epc:class:grai:0614141.12345")).isEmpty();
        assertThat(ProductClass.find("https://example.com/materials/steel")).isEmpty();
        assertThat(ProductClass.find("https://id.gs1.org/01/04012345123456/21/1")).isEmpty();
        assertRejected(() -> ProductClass.find("https://id.gs1.org/01/04012345123457/10/1"),
                Gs1ErrorCode.GS1_BAD_CHECK_DIGIT, "04012345123457");
    }
}
