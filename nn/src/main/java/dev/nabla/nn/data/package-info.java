/** Datasets and loading: the IDX format, Fashion-MNIST (a subset ships inside), and the data loader. */
package dev.nabla.nn.data;
