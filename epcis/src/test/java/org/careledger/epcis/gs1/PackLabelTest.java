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
}
