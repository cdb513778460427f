/** The model zoo: cnn (the default), mlp and resnet-mini, each built from an activation spec. */
module dev.nabla.models {
    requires transitive dev.nabla.activations;

    exports dev.nabla.models;
}
