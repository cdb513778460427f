package dev.nabla.cli.compare;

import dev.nabla.nn.data.Dataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What data a run saw, as part of its {@link RunId}: the SHA-256 of the training and test sets'
 * values (inputs as little-endian F32 pixels, labels as little-endian I64, train then test, each
 * preceded by its shape). It identifies the data by content, so the same files found in two
 * places, or on two machines, give the same runs, and a slice of a set does not pass for the whole.
 */
public final class DataIdentity {
    private static final int CHUNK_ROWS = 4096;

    private DataIdentity() {}

    /** The hex SHA-256 of {@code train} and {@code test}. */
    public static String sha256(Dataset train, Dataset test) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Dataset d : new Dataset[] {train, test}) {
                md.update(d.inputs().shape().toString().getBytes(StandardCharsets.US_ASCII));
                for (int start = 0; start < d.size(); start += CHUNK_ROWS) { // in chunks: the full set is 188 MB of pixels
                    float[] x = d.inputs().slice(0, start, Math.min(d.size(), start + CHUNK_ROWS)).toFloatArray();
                    ByteBuffer bytes = ByteBuffer.allocate(x.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    bytes.asFloatBuffer().put(x);
                    md.update(bytes);
                }
                long[] y = d.labels().toLongArray();
                ByteBuffer labels = ByteBuffer.allocate(y.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                labels.asLongBuffer().put(y);
                md.update(labels);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
