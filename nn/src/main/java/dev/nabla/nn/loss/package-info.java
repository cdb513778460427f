/** Loss functions: cross-entropy (with label smoothing, class weights, ignoreIndex), NLL, MSE, L1, Huber, BCE with logits. */
package dev.nabla.nn.loss;
