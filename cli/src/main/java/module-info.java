/** The {@code nabla} command line. */
module dev.nabla.cli {
    requires dev.nabla.models;
    requires info.picocli;

    opens dev.nabla.cli to info.picocli;
}
