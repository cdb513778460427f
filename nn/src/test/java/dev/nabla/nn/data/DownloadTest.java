package dev.nabla.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explicit download against a local HTTP server bound to the loopback interface: good files
 * land under their names, and a corrupted, truncated or missing file is rejected leaving no file
 * under its final name and no temporary file. Also checks the published checksums against Debian's
 * files when they are installed.
 */
class DownloadTest {
    @TempDir
    Path target;

    /** Serves {@code files} at /name from 127.0.0.1 on a free port; answers 503 after {@code maxRequests}. */
    static final class LoopbackServer implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger requests = new AtomicInteger();

        LoopbackServer(Map<String, byte[]> files, int maxRequests) throws IOException {
            this(files, maxRequests, Integer.MAX_VALUE);
        }

        /** Sends at most {@code cutAfter} bytes of each body while announcing its full length. */
        LoopbackServer(Map<String, byte[]> files, int maxRequests, int cutAfter) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    byte[] body = files.get(exchange.getRequestURI().getPath().substring(1));
                    int status = requests.incrementAndGet() > maxRequests ? 503 : body == null ? 404 : 200;
                    exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
                    if (status == 200) {
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body, 0, Math.min(body.length, cutAfter));
                        }
                    }
                }
            });
            server.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static final Map<String, byte[]> RAW = new HashMap<>();
    private static final Map<String, byte[]> GZ = new HashMap<>();
    private static final Map<String, String> SHA = new HashMap<>();

    static {
        for (int f = 0; f < 4; f++) {
            String name = FashionMnist.FILES.get(f);
            byte[] raw = f % 2 == 0 ? IdxTest.idx(Idx.IMAGES_MAGIC, new long[] {2, 28, 28}, new byte[2 * 784])
                    : IdxTest.idx(Idx.LABELS_MAGIC, new long[] {2}, new byte[] {(byte) f, 7});
            RAW.put(name, raw);
            GZ.put(name, IdxTest.gzip(raw));
            SHA.put(name, sha256(raw));
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> filesInTarget() throws IOException {
        try (Stream<Path> s = Files.list(target)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void serverListensOnLoopbackOnly() throws IOException {
        try (LoopbackServer server = new LoopbackServer(GZ, 0)) {
            assertThat(server.server.getAddress().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void goodFiles_areWrittenUnderTheirNames_andLoad() throws IOException {
        try (LoopbackServer server = new LoopbackServer(GZ, 4)) {
            List<Path> paths = Download.download(server.base(), target, SHA);
            assertThat(paths).containsExactlyElementsOf(FashionMnist.FILES.stream().map(target::resolve).toList());
            assertThat(filesInTarget()).containsExactlyInAnyOrderElementsOf(FashionMnist.FILES);
            for (String name : FashionMnist.FILES) assertThat(target.resolve(name)).hasBinaryContent(GZ.get(name));
            assertThat(FashionMnist.load(target).test().labels().toLongArray()).containsExactly(3, 7);
            assertThat(server.requests).hasValue(4);
        }
    }

    @Test
    void verifiedFilesAreNotFetchedAgain_butACorruptOneIsReplaced() throws IOException {
        try (LoopbackServer server = new LoopbackServer(GZ, 5)) {
            Download.download(server.base(), target, SHA);
            Files.write(target.resolve("train-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});
            Download.download(server.base(), target, SHA);
            assertThat(server.requests).hasValue(5);
            assertThat(target.resolve("train-labels-idx1-ubyte.gz")).hasBinaryContent(GZ.get("train-labels-idx1-ubyte.gz"));
        }
    }

    @Test
    void corruptedFile_isRejected_andNothingIsLeftUnderItsName() throws IOException {
        Map<String, byte[]> served = new HashMap<>(GZ);
        byte[] changed = RAW.get("t10k-images-idx3-ubyte.gz").clone();
        changed[100] = 1; // a valid gzip of different content
        served.put("t10k-images-idx3-ubyte.gz", IdxTest.gzip(changed));
        try (LoopbackServer server = new LoopbackServer(served, 4)) {
            URI uri = server.base().resolve("t10k-images-idx3-ubyte.gz");
            assertThatThrownBy(() -> Download.download(server.base(), target, SHA)).isInstanceOf(DataFileException.class)
                    .hasMessage(uri + ": SHA-256 of the decompressed file is " + sha256(changed) + ", expected "
                            + SHA.get("t10k-images-idx3-ubyte.gz") + "; the file is corrupt and was not kept");
        }
        // the two files before it were verified and kept; no temporary file remains
        assertThat(filesInTarget()).containsExactlyInAnyOrder("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
    }

    @Test
    void truncatedFile_isRejected_andNothingIsLeft() throws IOException {
        Map<String, byte[]> served = new HashMap<>(GZ);
        byte[] gz = GZ.get("train-images-idx3-ubyte.gz");
        served.put("train-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        try (LoopbackServer server = new LoopbackServer(served, 1)) {
            assertThatThrownBy(() -> Download.download(server.base(), target, SHA)).isInstanceOf(DataFileException.class)
                    .hasMessageStartingWith(server.base().resolve("train-images-idx3-ubyte.gz") + ": not a complete gzip file (")
                    .hasMessageEndingWith("); it was not kept");
        }
        assertThat(filesInTarget()).isEmpty();
    }

    @Test
    void transferCutShort_isRejected_andNothingIsLeft() throws IOException {
        try (LoopbackServer server = new LoopbackServer(GZ, 1, 10)) {
            assertThatThrownBy(() -> Download.download(server.base(), target, SHA)).isInstanceOf(DataFileException.class)
                    .hasMessageStartingWith(server.base().resolve("train-images-idx3-ubyte.gz") + ": download failed: ");
        }
        assertThat(filesInTarget()).isEmpty();
    }

    @Test
    void baseWithoutFinalSlash_isTreatedAsADirectory() throws IOException {
        try (LoopbackServer server = new LoopbackServer(Map.of(), 1)) {
            URI base = URI.create(server.base() + "mirror");
            assertThatThrownBy(() -> Download.download(base, target, SHA)).isInstanceOf(DataFileException.class)
                    .hasMessage(base + "/train-images-idx3-ubyte.gz: HTTP status 404, expected 200");
        }
    }

    @Test
    void missingFile_isAnHttpError_andNothingIsLeft() throws IOException {
        Map<String, byte[]> served = new HashMap<>(GZ);
        served.remove("train-images-idx3-ubyte.gz");
        try (LoopbackServer server = new LoopbackServer(served, 1)) {
            assertThatThrownBy(() -> Download.download(server.base(), target, SHA)).isInstanceOf(DataFileException.class)
                    .hasMessage(server.base().resolve("train-images-idx3-ubyte.gz") + ": HTTP status 404, expected 200");
        }
        assertThat(filesInTarget()).isEmpty();
    }

    @Test
    void publishedChecksums_matchDebiansFiles_servedOverLoopback() throws IOException {
        Path debian = DataSource.DEBIAN_DIR;
        assumeTrue(FashionMnist.missingFiles(debian).isEmpty(), "Debian's dataset-fashion-mnist is not installed");
        Map<String, byte[]> served = new HashMap<>();
        for (String name : FashionMnist.FILES) served.put(name, Files.readAllBytes(debian.resolve(name)));
        try (LoopbackServer server = new LoopbackServer(served, 4)) {
            Download.download(server.base(), target);
        }
        assertThat(filesInTarget()).containsExactlyInAnyOrderElementsOf(FashionMnist.FILES);
    }
}
