package dev.nabla.cli;

import dev.nabla.models.Trainer;
import java.io.PrintStream;

/**
 * One line per epoch, redrawn in place (at most ten times a second) and cleared at the epoch's end:
 * <pre>epoch 1 [==========>                   ] 212/469 loss 0.4821 2310 img/s ETA 0:07</pre>
 */
final class ProgressBar implements Trainer.Listener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private long epochStart, lastDraw;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void batch(int epoch, int batch, int batches, double loss, double imagesPerSecond) {
        long now = System.nanoTime();
        if (batch == 1) epochStart = now;
        if (batch < batches && now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        int filled = (int) ((long) WIDTH * batch / batches);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        double secondsPerBatch = (now - epochStart) / 1e9 / batch;
        out.printf("\repoch %d [%s] %d/%d loss %.4f %.0f img/s ETA %s", epoch, bar, batch, batches, loss, imagesPerSecond,
                minutesSeconds((batches - batch) * secondsPerBatch));
        if (batch == batches) out.print("\r" + " ".repeat(WIDTH + 70) + "\r");
        out.flush();
    }

    private static String minutesSeconds(double seconds) {
        long s = Math.round(seconds);
        return (s / 60) + ":" + String.format("%02d", s % 60);
    }
}
