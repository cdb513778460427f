package dev.nabla.nn.data;

import java.io.IOException;

/**
 * A data file that is not what it should be: a malformed or truncated IDX file, a corrupt gzip
 * stream, a set whose images and labels disagree, or a download whose checksum does not match.
 * The message starts with the file it is about.
 */
public class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An error about {@code source} (a path, a resource or a URI), described by {@code problem}. */
    public DataFileException(String source, String problem) {
        super(source + ": " + problem);
    }

    /** As {@link #DataFileException(String, String)}, caused by {@code cause}. */
    public DataFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
