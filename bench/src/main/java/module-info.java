/**
 * JMH benchmarks of every hot kernel. Build {@code bench/target/benchmarks.jar} with
 * {@code ./mvnw -pl bench -am package -DskipTests} and run it with {@code java -jar}; each
 * benchmark forks JVMs with {@code --add-modules jdk.incubator.vector}.
 */
module dev.nabla.bench {
    requires dev.nabla.tensor;
    requires dev.nabla.models;
    requires dev.nabla.activations;
    requires jmh.core;
}
