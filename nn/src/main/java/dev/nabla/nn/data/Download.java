package dev.nabla.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The explicit download of the full Fashion-MNIST ({@code nabla data download}); nothing else in
 * Nabla touches the network.
 *
 * <p>For each of the four {@link FashionMnist#FILES}: fetch {@code base.resolve(name)} into a
 * temporary file in the target directory, decompress it and compare the SHA-256 of the
 * <em>decompressed</em> IDX bytes with {@link #SHA256} (so a re-compressed but identical file is
 * accepted, and any change of content is not), and only then rename it atomically to its final
 * name. A failed, corrupt or truncated file is deleted and reported as an {@link IOException}
 * naming the URI and the problem; no file with a final name is ever partly written. A file already
 * in place that verifies is not fetched again.
 *
 * <pre>{@code
 * Download.download(Download.DEFAULT_BASE, DataSource.cacheDir());   // then: --data auto
 * }</pre>
 */
public final class Download {
    /**
     * Where Zalando publishes the files (the Fashion-MNIST README's links). Plain HTTP: integrity
     * comes from the checksums, which are part of Nabla.
     */
    public static final URI DEFAULT_BASE = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /**
     * SHA-256 of each file's decompressed IDX bytes, computed from Debian's dataset-fashion-mnist
     * files by {@code nn/scripts/make_fashion_mnist_subset.py}.
     */
    public static final Map<String, String> SHA256 = Map.of(
            "train-images-idx3-ubyte.gz", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "train-labels-idx1-ubyte.gz", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "t10k-images-idx3-ubyte.gz", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "t10k-labels-idx1-ubyte.gz", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    /** No file of the set is larger than this (the training images are 26.4 MB); a longer body is rejected. */
    static final long MAX_BYTES = 64L << 20;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private Download() {}

    /**
     * Fetches the four files from {@code base} (a directory URI; a missing final {@code /} is added) into
     * {@code targetDir}, created if needed, and returns their paths. See the class doc.
     */
    public static List<Path> download(URI base, Path targetDir) throws IOException {
        return download(base, targetDir, SHA256);
    }

    /** As {@link #download(URI, Path)}, against the given checksums (tests serve small files). */
    static List<Path> download(URI base, Path targetDir, Map<String, String> sha256) throws IOException {
        URI dir = base.getPath() != null && base.getPath().endsWith("/") ? base : URI.create(base + "/");
        Files.createDirectories(targetDir);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        List<Path> out = new ArrayList<>();
        for (String name : FashionMnist.FILES) {
            Path target = targetDir.resolve(name);
            if (!isVerified(target, sha256.get(name))) fetch(client, dir.resolve(name), target, sha256.get(name));
            out.add(target);
        }
        return out;
    }

    private static boolean isVerified(Path file, String expectedSha256) {
        try {
            return Files.isRegularFile(file) && expectedSha256.equals(sha256OfDecompressed(file));
        } catch (IOException unreadable) {
            return false; // fetched again and replaced
        }
    }

    private static void fetch(HttpClient client, URI uri, Path target, String expectedSha256) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
        try {
            transfer(client, uri, temp);
            String actual;
            try {
                actual = sha256OfDecompressed(temp);
            } catch (IOException e) {
                throw new DataFileException(uri.toString(), "not a complete gzip file (" + e + "); it was not kept", e);
            }
            if (!expectedSha256.equals(actual)) {
                throw new DataFileException(uri.toString(), "SHA-256 of the decompressed file is " + actual
                        + ", expected " + expectedSha256 + "; the file is corrupt and was not kept");
            }
            moveAtomically(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The body of a 200 response into {@code temp}; any failure is reported with the URI. */
    private static void transfer(HttpClient client, URI uri, Path temp) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = send(client, request);
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DataFileException(uri.toString(), "HTTP status " + response.statusCode() + ", expected 200");
                }
                copyAtMost(body, temp, uri);
            }
        } catch (DataFileException | InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFileException(uri.toString(), "download failed: " + e, e);
        }
    }

    private static HttpResponse<InputStream> send(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + request.uri() + " interrupted");
        }
    }

    private static void copyAtMost(InputStream body, Path temp, URI uri) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int r; (r = body.read(buf)) >= 0; ) {
                total += r;
                if (total > MAX_BYTES) throw new DataFileException(uri.toString(), "body exceeds " + MAX_BYTES + " bytes");
                out.write(buf, 0, r);
            }
            channel.force(true); // on disk before the rename makes it visible
        }
    }

    /** SHA-256 (lower-case hex) of the decompressed content of a gzip file. */
    static String sha256OfDecompressed(Path gz) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(gz), 1 << 16), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new DataFileException(to.toString(), "the file system cannot rename atomically", e);
        }
    }
}
