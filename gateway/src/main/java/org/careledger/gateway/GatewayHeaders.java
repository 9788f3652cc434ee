package org.careledger.gateway;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.careledger.core.CareledgerException;

/** The gateway's request and response headers beside standard FHIR (docs/FHIR.md, "The FHIR gateway"). */
public final class GatewayHeaders {
    /** The patient's ledger id (p-…) a POSTed Bundle is imported for. */
    public static final String PATIENT = "X-Careledger-Patient";
    /** {@code true}: map the Bundle's Patient to that patient although the ledger recorded another source patient. */
    public static final String ACCEPT_PATIENT = "X-Careledger-Accept-Patient";
    /** Purpose of use of a read (TREAT, ETREAT, HPAYMT, HRESCH, PUBHLTH, HOPERAT); TREAT if absent. */
    public static final String PURPOSE = "X-Careledger-Purpose";
    /** Answer only once the node applied this block (read-your-writes across gateways and nodes). */
    public static final String MIN_HEIGHT = "X-Careledger-Min-Height";
    /** The highest block height the node reported while answering. */
    public static final String HEIGHT = "X-Careledger-Height";
    /** The Patient identifier system that may name the ledger id instead of {@link #PATIENT}. */
    public static final String PATIENT_ID_SYSTEM = "https://careledger.org/fhir/NamingSystem/patient-id";

    private GatewayHeaders() {}

    static String purpose(RequestDetails rd) {
        String p = rd.getHeader(PURPOSE);
        return p == null || p.isBlank() ? RecordGateway.DEFAULT_PURPOSE : p.trim();
    }

    static long minHeight(RequestDetails rd) {
        String h = rd.getHeader(MIN_HEIGHT);
        if (h == null || h.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(h.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CareledgerException("BAD_MIN_HEIGHT", MIN_HEIGHT + " must be a block height, not '" + h + "'");
        }
    }

    /** Tells the caller the height the answer was built at. */
    static void height(RequestDetails rd, RecordGateway.Call call) {
        if (rd instanceof ServletRequestDetails s && call.height() > 0) {
            s.getServletResponse().setHeader(HEIGHT, Long.toString(call.height()));
        }
    }
}
