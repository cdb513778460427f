package dev.nabla.nn.io;

import dev.nabla.nn.Module;
import dev.nabla.nn.optim.Optimizer;
import dev.nabla.tensor.NDArray;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Crash-safe training checkpoints: one directory per checkpoint and a {@code latest} pointer.
 * <pre>
 *   DIR/ckpt-12/model.safetensors      Module.stateDict()      (PyTorch state_dict names)
 *              /optimizer.safetensors  Optimizer.stateDict()   (moments, step counts)
 *              /state.json             {@link TrainingState}   (model, activation, schedule, epoch, step, seed, version)
 *   DIR/latest                         "ckpt-12\n"
 * </pre>
 * {@link #save} writes {@code ckpt-N.tmp/}, fsyncs each file and the directory, renames it to
 * {@code ckpt-N/}, fsyncs {@code DIR}, and only then replaces {@code latest} atomically (written
 * as {@code latest.tmp}, fsynced, moved with {@code ATOMIC_MOVE}, {@code DIR} fsynced). The pointer
 * is the commit: a process killed at any moment leaves {@code latest} naming a complete
 * checkpoint (or no {@code latest} at all if none was ever completed), and leftovers
 * ({@code *.tmp}, an uncommitted {@code ckpt-N/}) are never read and are replaced by the next save.
 *
 * <pre>{@code
 * Checkpoints.save(dir, epoch, model, optimizer, TrainingState.of("cnn", "relu", epoch, step, seed, schedule.stateDict()));
 * Checkpoint c = Checkpoints.loadLatest(dir);
 * c.restore(model, optimizer);
 * }</pre>
 */
public final class Checkpoints {
    static final String LATEST = "latest";
    static final String MODEL = "model.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String STATE = "state.json";
    private static final Pattern NAME = Pattern.compile("ckpt-(0|[1-9][0-9]{0,17})");
    /** A valid pointer is "ckpt-N" and a newline: anything longer is corrupt, and is not read whole. */
    private static final int MAX_POINTER_BYTES = 64;

    private Checkpoints() {}

    /** A loaded checkpoint: its number and directory, the two state dicts and the training state. */
    public record Checkpoint(long number, Path directory, Map<String, NDArray> model, Map<String, NDArray> optimizer,
                             TrainingState state) {
        /** Loads the model (strictly: every key, no other) and the optimizer state. */
        public void restore(Module module, Optimizer optimizer) {
            module.loadStateDict(model, true);
            optimizer.loadStateDict(this.optimizer);
        }
    }

    /** The directory name of checkpoint {@code n}. */
    public static String name(long n) {
        if (n < 0) throw new IllegalArgumentException("checkpoint: number must be >= 0, got " + n);
        return "ckpt-" + n;
    }

    /** Saves {@code model}'s and {@code optimizer}'s state dicts and {@code state} as checkpoint {@code n}. */
    public static Path save(Path dir, long n, Module model, Optimizer optimizer, TrainingState state) throws IOException {
        return save(dir, n, model.stateDict(), optimizer.stateDict(), state);
    }

    /**
     * Saves checkpoint {@code n} and makes it the latest; returns its directory.
     *
     * @throws IOException if {@code ckpt-N} is the current latest checkpoint (it is never overwritten)
     */
    public static Path save(Path dir, long n, Map<String, NDArray> model, Map<String, NDArray> optimizer, TrainingState state)
            throws IOException {
        String name = name(n);
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        if (name.equals(readPointerOrNull(dir))) throw new IOException(target + ": is the latest checkpoint; refusing to overwrite it");

        Path tmp = dir.resolve(name + ".tmp");
        deleteRecursively(tmp); // left by a crash
        Files.createDirectory(tmp);
        writeDurably(tmp.resolve(MODEL), out -> Safetensors.write(out, model, Map.of("format", "pt")));
        writeDurably(tmp.resolve(OPTIMIZER), out -> Safetensors.write(out, optimizer, Map.of()));
        writeDurably(tmp.resolve(STATE), out -> out.write(state.toJson()));
        fsyncDirectory(tmp);

        deleteRecursively(target); // written before a crash, never committed
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(dir);

        Path pointerTmp = dir.resolve(LATEST + ".tmp");
        Files.deleteIfExists(pointerTmp);
        writeDurably(pointerTmp, out -> out.write((name + "\n").getBytes(StandardCharsets.US_ASCII)));
        Files.move(pointerTmp, dir.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(dir);
        return target;
    }

    /**
     * Loads the checkpoint {@code DIR/latest} names.
     *
     * @throws IOException naming the file and the problem if there is no checkpoint or it is unreadable
     */
    public static Checkpoint loadLatest(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": no checkpoint (not a directory)");
        String name = readPointerOrNull(dir);
        if (name == null) throw new IOException(dir + ": no checkpoint (no '" + LATEST + "' file: none was completed)");
        Path ckpt = dir.resolve(name);
        if (!Files.isDirectory(ckpt)) throw new IOException(dir.resolve(LATEST) + ": names " + name + ", which does not exist");
        Map<String, NDArray> model = Safetensors.read(ckpt.resolve(MODEL)).tensors();
        Map<String, NDArray> optimizer = Safetensors.read(ckpt.resolve(OPTIMIZER)).tensors();
        Path state = ckpt.resolve(STATE);
        TrainingState ts = TrainingState.parse(readSmall(state, 1 << 20), state.toString());
        return new Checkpoint(Long.parseLong(name.substring("ckpt-".length())), ckpt, model, optimizer, ts);
    }

    /** The checkpoint name in {@code DIR/latest}, or null if there is no such file. */
    private static String readPointerOrNull(Path dir) throws IOException {
        Path latest = dir.resolve(LATEST);
        byte[] bytes;
        try {
            bytes = readSmall(latest, MAX_POINTER_BYTES);
        } catch (NoSuchFileException e) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (!NAME.matcher(text).matches()) throw new IOException(latest + ": corrupt pointer: expected 'ckpt-N', got " + describe(bytes));
        return text;
    }

    private static String describe(byte[] bytes) {
        StringBuilder s = new StringBuilder("'");
        for (byte b : bytes) s.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        return s.append("'").toString();
    }

    /** The whole file if it holds at most {@code limit} bytes, else an IOException. */
    private static byte[] readSmall(Path file, int limit) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > limit) throw new IOException(file + ": " + size + " bytes, more than the " + limit + " such a file can hold");
            return Channels.newInputStream(ch).readNBytes(limit);
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes a new file and forces it to disk before returning. */
    private static void writeDurably(Path file, Writer writer) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            writer.write(out);
            out.flush();
            ch.force(true);
        }
    }

    /**
     * Forces a directory's entries (creations, renames) to disk. Some platforms (Windows) cannot
     * open a directory; there the rename's own durability is all there is.
     */
    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (Files.isDirectory(dir) && System.getProperty("os.name", "").startsWith("Windows")) return;
            throw e;
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
                for (Path e : entries) deleteRecursively(e);
            }
        }
        Files.delete(p);
    }
}
