package org.careledger.epcis.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.epcis.gs1.Gs1Assertions.assertRejected;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PackLabelTest {

    @Test
    void readsWhatAPharmacyScannerReportsFromAPackDataMatrix() {
        PackLabel label = PackLabel.parse("]d2010950600013435217270531" + "10LOT42\u001D21SN0001");
        assertThat(label.sgtin()).isEqualTo(new Sgtin(new Gtin("09506000134352"), "SN0001"));
        assertThat(label.lot()).contains("LOT42");
        assertThat(label.expiry()).contains(LocalDate.of(2027, 5, 31));
        assertThat(label.toElementString()).isEqualTo("(01)09506000134352(17)270531(10)LOT42(21)SN0001");
        assertThat(PackLabel.parse(label.toElementString())).isEqualTo(label);
    }

    @Test
    void dayZeroMeansTheLastDayOfTheMonth() {
        PackLabel label = PackLabel.parse("(01)09506000134352(17)280200(21)1");
        assertThat(label.expiry()).contains(LocalDate.of(2028, 2, 29));
        assertThat(label.lot()).isEmpty();
    }

    @Test
    void rejectsImpossibleDates() {
        assertRejected(() -> PackLabel.parse("(01)09506000134352(17)271332(21)1"), Gs1ErrorCode.GS1_BAD_DATE,
                "271332 is not a valid YYMMDD date");
        assertRejected(() -> PackLabel.parse("(01)09506000134352(17)270230(21)1"), Gs1ErrorCode.GS1_BAD_DATE,
                "270230");
    }

    @Test
    void readsLotAndExpiryFromEveryIdentifierForm() {
        Sgtin pack = new Sgtin(new Gtin("00300000190023"), "WTYYP7RRLZ6B");
        String dl = "https://id.gs1.org/01/00300000190023";
        assertThat(PackLabel.read(dl + "/10/WRONG/21/WTYYP7RRLZ6B"))
                .isEqualTo(new PackLabel(pack, java.util.Optional.of("WRONG"), java.util.Optional.empty()));
        assertThat(PackLabel.read(dl + "/21/WTYYP7RRLZ6B?17=290531").expiry()).contains(LocalDate.of(2029, 5, 31));
        PackLabel both = PackLabel.read(dl + "/21/WTYYP7RRLZ6B?linkType=gs1:pip&10=L%2F1&17=290500");
        assertThat(both.lot()).contains("L/1");
        assertThat(both.expiry()).contains(LocalDate.of(2029, 5, 31));
        assertThat(PackLabel.read("(01)00300000190023(17)290531(10)L1(21)WTYYP7RRLZ6B").lot()).contains("L1");
        PackLabel urn = PackLabel.read("urn:epc:id:sgtin:030000.0019002.WTYYP7RRLZ6B");
        assertThat(urn.sgtin()).isEqualTo(pack);
        assertThat(urn.lot()).isEmpty();
        assertThat(urn.expiry()).isEmpty();
        assertRejected(() -> PackLabel.read(dl + "/10/A/21/WTYYP7RRLZ6B?10=B"), Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK,
                "lot A in its path and lot B in its query");
        assertRejected(() -> PackLabel.read(dl + "/21/WTYYP7RRLZ6B?17=2905"), Gs1ErrorCode.GS1_BAD_DATE, "17=2905");
    }
}
