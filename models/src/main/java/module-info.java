/** The model zoo shared by the command line, tests and benchmarks (arrives with the nn issue). */
module dev.nabla.models {
    requires transitive dev.nabla.activations;
}
