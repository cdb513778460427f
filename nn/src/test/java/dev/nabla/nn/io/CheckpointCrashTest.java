package dev.nabla.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that writes checkpoints in a loop ({@link CheckpointWriterMain}) with
 * {@code destroyForcibly} (SIGKILL) at 20 seeded random moments; after every kill the latest
 * checkpoint must load, hold exactly the values its number implies, and be no older than the last
 * save the child reported as finished. Each child resumes from the previous child's latest
 * checkpoint, as a restarted training run would. Replay a failure with
 * {@code -Dnabla.crash.seed=<seed>} (the seed is in every failure message).
 */
class CheckpointCrashTest {
    private static final int KILLS = 20;
    /** Longest wait after the child's first save: a save of this child's checkpoints takes a few ms. */
    private static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(60);

    @TempDir
    Path dir;

    @Test
    void latestCheckpointLoadsAfterEveryKill() throws Exception {
        long seed = Long.getLong("nabla.crash.seed", 20261123L);
        Random rng = new Random(seed);
        long lastSaved = 0;
        int interrupted = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            String where = "seed " + seed + ", kill " + kill;
            Process child = start();
            AtomicLong saved = new AtomicLong(-1);
            CountDownLatch firstSave = new CountDownLatch(1);
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("saved ")) {
                            saved.set(Long.parseLong(line.substring(6)));
                            firstSave.countDown();
                        } else {
                            synchronized (output) { output.append(line).append('\n'); }
                        }
                    }
                } catch (IOException ignored) {
                    // the child was killed
                }
            });
            reader.start();
            boolean ready = firstSave.await(20, TimeUnit.SECONDS);
            if (!ready) {
                child.destroyForcibly().waitFor();
                reader.join();
                throw new AssertionError(where + ": the child saved nothing; its output:\n" + output);
            }
            LockSupport.parkNanos((long) (rng.nextDouble() * MAX_DELAY_NANOS));
            child.destroyForcibly().waitFor();
            reader.join();

            Checkpoints.Checkpoint c;
            try {
                c = Checkpoints.loadLatest(dir);
            } catch (IOException e) {
                throw new AssertionError(where + ": latest checkpoint does not load", e);
            }
            assertThat(CheckpointWriterMain.inconsistency(c)).as(where).isNull();
            assertThat(c.number()).as(where + ": latest is at least the last reported save").isGreaterThanOrEqualTo(saved.get());
            assertThat(c.number()).as(where + ": checkpoints only move forward").isGreaterThan(lastSaved);
            lastSaved = c.number();
            if (Files.exists(dir.resolve(Checkpoints.name(c.number() + 1) + ".tmp"))
                    || Files.exists(dir.resolve(Checkpoints.name(c.number() + 1)))) {
                interrupted++;
            }
        }
        // Evidence that the kills land inside saves (the child does little else), not between them.
        System.out.println("CheckpointCrashTest: " + interrupted + " of " + KILLS + " kills interrupted a save (seed " + seed + ")");
        assertThat(interrupted).as("seed " + seed + ": kills that interrupted a save").isPositive();
    }

    /** A JVM running CheckpointWriterMain on the test's classes and dependencies, as plain classpath. */
    private Process start() throws IOException {
        Set<String> classpath = new LinkedHashSet<>();
        classpath.add(location(CheckpointWriterMain.class));
        classpath.add(location(Checkpoints.class));
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property, "");
            for (String entry : value.split(File.pathSeparator)) if (!entry.isBlank()) classpath.add(entry);
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", String.join(File.pathSeparator, classpath), CheckpointWriterMain.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
