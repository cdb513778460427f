/** The {@code nabla} command line. */
module dev.nabla.cli {
    requires dev.nabla.models;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires org.knowm.xchart;
    requires java.desktop;

    opens dev.nabla.cli to info.picocli;
}
