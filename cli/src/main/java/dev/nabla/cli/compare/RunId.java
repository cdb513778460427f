package dev.nabla.cli.compare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The stable identity of one run of a study, and the name of its directory:
 * <pre>
 *   srs_alpha-2_beta-3__cnn__seed0__e2__bundled-1f0c9a3e
 *   └ activation spec ┘  model  seed  epochs  data label and hash8
 * </pre>
 * The readable part says what was trained; {@code hash8} is the first 8 hex digits of the SHA-256
 * of {@link #identity()}, which lists every input of the computation: the activation spec's
 * canonical text, model, seed, epochs, the rest of the recipe (batch size, optimizer, learning
 * rate, momentum) and the SHA-256 of the data itself. So two runs share a directory exactly when
 * they compute the same thing, and a study's directories can be produced on several machines and
 * gathered into one {@code --out}.
 *
 * @param activation the spec, kept in canonical text ({@link SpecList#canonical})
 * @param dataLabel  a short readable name of the data, e.g. {@code bundled} or the directory's name
 * @param dataHash   the SHA-256 (hex) of the training and test data, see {@link DataIdentity}
 */
public record RunId(String activation, String model, long seed, int epochs, int batchSize, String optimizer, double lr,
                    double momentum, String dataLabel, String dataHash) {

    public RunId {
        activation = SpecList.canonical(activation);
    }

    /** Every input of the computation, one {@code key=value} per line; the hash in {@link #name()} is of this text. */
    public String identity() {
        return String.format(Locale.ROOT, "activation=%s%nmodel=%s%nseed=%d%nepochs=%d%nbatch_size=%d%noptimizer=%s%nlr=%s%nmomentum=%s%ndata=%s%n",
                activation, model, seed, epochs, batchSize, optimizer, lr, momentum, dataHash);
    }

    /** The directory name: readable, made of {@code [A-Za-z0-9._-]} only, unique by its hash. */
    public String name() {
        return slug(activation) + "__" + slug(model) + "__seed" + seed + "__e" + epochs + "__" + slug(dataLabel) + "-" + hash8();
    }

    private String hash8() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** {@code srs(alpha=2,beta=3)} → {@code srs_alpha-2_beta-3}: '(' and ',' become '_', '=' '-', ')' nothing, others '_'. */
    static String slug(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.strip().toCharArray()) {
            if (c == ')') continue;
            if (c == '=') s.append('-');
            else if (c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) s.append(c);
            else s.append('_');
        }
        return s.toString();
    }
}
