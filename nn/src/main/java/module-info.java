/**
 * Neural-network building blocks over {@code dev.nabla.autograd}: {@link dev.nabla.nn.Module}s and
 * their layers, losses, optimizers and schedules, data loading, and checkpoints.
 */
module dev.nabla.nn {
    requires transitive dev.nabla.autograd;
    requires com.fasterxml.jackson.core;
    requires java.net.http;

    exports dev.nabla.nn;
    exports dev.nabla.nn.loss;
    exports dev.nabla.nn.optim;
    exports dev.nabla.nn.data;
    exports dev.nabla.nn.functional;
    exports dev.nabla.nn.io;

    provides dev.nabla.autograd.check.OpProvider with dev.nabla.nn.functional.NnOps;
}
