package org.careledger.cli;

import java.io.PrintStream;
import org.careledger.ledger.LedgerVerifier;

/**
 * verify's progress on stderr (stdout keeps one result line per store): a bar over the blocks and the rate in
 * transactions per second, redrawn in place on a terminal at most five times a second, a few plain lines otherwise.
 */
final class VerifyProgress implements LedgerVerifier.Progress {
    private final PrintStream out;
    private final String label;
    private final boolean terminal = System.console() != null;
    private final long started = System.nanoTime();
    private long lastDraw;
    private int quarterShown;
    private long transactions;

    VerifyProgress(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void block(long height, long headHeight, long txs) {
        transactions = txs;
        long now = System.nanoTime();
        boolean last = height == headHeight;
        if (terminal) {
            if (last || now - lastDraw > 200_000_000L) {
                lastDraw = now;
                out.print("\r" + line(height, headHeight, txs) + (last ? "\n" : ""));
                out.flush();
            }
        } else {
            int quarter = (int) (4 * height / Math.max(1, headHeight));
            if (quarter > quarterShown || last && headHeight > 0 && quarterShown < 4) {
                quarterShown = Math.max(quarter, last ? 4 : quarter);
                out.println(line(height, headHeight, txs));
            }
        }
    }

    /** Transactions per second so far. */
    long rate() {
        return Math.round(transactions / Math.max(1e-3, (System.nanoTime() - started) / 1e9));
    }

    private String line(long height, long headHeight, long txs) {
        int width = 30;
        int filled = (int) (width * height / Math.max(1, headHeight));
        return String.format("%s [%s%s] %d/%d blocks, %d tx, %d tx/s", label, "#".repeat(filled),
                ".".repeat(width - filled), height, headHeight, txs, rate());
    }
}
