package org.careledger.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** A one-line terminal progress bar with a rate, redrawn in place (plain lines when not a terminal). */
final class ProgressBar {
    private final PrintStream out;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final boolean terminal = System.console() != null;
    private volatile long lastDraw;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    void step() {
        long d = done.incrementAndGet();
        long now = System.nanoTime();
        if (d == total || now - lastDraw > 100_000_000L) {
            lastDraw = now;
            draw(d);
        }
    }

    private synchronized void draw(long d) {
        int width = 30;
        int filled = (int) (width * d / Math.max(1, total));
        double secs = (System.nanoTime() - started) / 1e9;
        String line = String.format("%s [%s%s] %d/%d  %.0f tx/s", label, "#".repeat(filled), ".".repeat(width - filled),
                d, total, d / Math.max(secs, 1e-3));
        if (terminal) {
            out.print("\r" + line + (d == total ? "\n" : ""));
        } else if (d == total || d % Math.max(1, total / 4) == 0) {
            out.println(line);
        }
        out.flush();
    }
}
