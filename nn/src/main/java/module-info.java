/** Neural-network layers, losses, optimizers and data (arrives with the nn issue). */
module dev.nabla.nn {
    requires transitive dev.nabla.autograd;
}
