package org.careledger.cli;

import java.io.PrintStream;
import java.time.Instant;
import org.careledger.api.drugs.DrugVerification;
import org.careledger.api.drugs.EpcisCaptureReport;
import org.careledger.client.drugs.DrugProofCheck;
import org.careledger.contracts.supplychain.EventOutcome;
import org.careledger.contracts.supplychain.SuspectRecord;

/** How verify answers and EPCIS import reports read in a terminal. */
final class DrugTranscript {
    private DrugTranscript() {}

    static void verification(PrintStream out, DrugVerification v, DrugProofCheck.Checked proofs) {
        out.println(v.verdict() + "  " + v.sgtin());
        out.println("  " + v.reason());
        if (v.unit() != null) {
            DrugVerification.Unit u = v.unit();
            out.println("  lot " + u.lot() + ", expires " + u.expiry() + "; status " + u.status() + ", owner "
                    + u.owner() + (u.shippedTo() != null ? ", shipped to " + u.shippedTo() : "")
                    + ", at " + u.location() + (u.container() != null ? ", in case " + u.container() : ""));
        }
        if (!v.history().isEmpty()) {
            out.println("  custody history (" + v.historyTotal() + " event" + (v.historyTotal() == 1 ? "" : "s")
                    + "):");
            for (DrugVerification.CustodyStep s : v.history()) {
                out.printf("    %2d  %-20s  %-12s  %-14s  block %-6s tx %s…  %s%n", s.seq(),
                        Instant.ofEpochMilli(s.timeMillis()), s.kind(), s.org(),
                        s.proof() == null ? "?" : Long.toString(s.proof().height()), s.txId().substring(0, 12),
                        s.detail());
            }
        }
        if (v.lot() != null && v.lot().recalled()) {
            out.println("  lot recall: by " + v.lot().recalledBy() + " at " + Instant.ofEpochMilli(v.lot().recalledAtMillis())
                    + ", tx " + v.lot().recallTxId().substring(0, 12) + "…");
        }
        if (!v.suspects().isEmpty()) {
            out.println("  suspect events naming this pack: " + v.suspects().size());
            for (SuspectRecord s : v.suspects()) {
                out.println("    " + suspect(s));
            }
        }
        if (proofs.total() > 0) {
            out.println("  proofs: " + proofs.proven() + " of " + proofs.total() + " transactions proven in the log of"
                    + " block " + proofs.height() + " (header " + proofs.headerHash().substring(0, 16)
                    + "…), checked locally; " + (proofs.certified()
                    ? "the header is certified by " + proofs.signers() + " genesis node signatures (quorum "
                            + proofs.quorum() + ")"
                    : "the header is NOT certified yet (" + proofs.signers() + " of the " + proofs.quorum()
                            + " genesis node signatures needed): only this node vouches for it"));
        }
        out.println("  reference day for expiry: " + v.referenceDate() + " (latest block time "
                + Instant.ofEpochMilli(v.referenceTimeMillis()) + ")");
    }

    static String suspect(SuspectRecord s) {
        return s.code() + " by " + s.signer() + " in block " + s.height() + ": " + s.message();
    }

    static void capture(PrintStream out, String what, EpcisCaptureReport r) {
        out.println(what + ": tx " + r.txId().substring(0, 16) + "… " + r.status().toLowerCase(java.util.Locale.ROOT)
                + (r.height() > 0 ? " in block " + r.height() : "") + (r.code() == null ? "" : " (" + r.code() + ")"));
        if (r.errorCode() != null) {
            out.println("  the document was refused: " + r.errorCode() + ": " + r.message());
            return;
        }
        for (EventOutcome o : r.outcomes()) {
            String id = o.eventId() == null ? "" : "  " + shorten(o.eventId());
            if (o.accepted()) {
                out.printf("  #%-3d ACCEPTED  %-13s %d object(s)%s%n", o.index(), o.kind(), o.objects(), id);
                o.notes().forEach(n -> out.println("        note: " + n));
            } else {
                out.printf("  #%-3d REJECTED  %s%s: %s%s%n", o.index(), o.code(), o.suspect() ? " (suspect)" : "",
                        o.message(), id);
            }
        }
        out.println("  " + r.events() + " event(s): " + r.accepted() + " accepted, " + r.rejected() + " rejected ("
                + r.suspects() + " recorded as suspect)");
    }

    private static String shorten(String eventId) {
        return eventId.length() > 40 ? eventId.substring(0, 40) + "…" : eventId;
    }
}
