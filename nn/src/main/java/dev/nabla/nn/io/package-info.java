/**
 * Reading and writing weights and training state: {@link dev.nabla.nn.io.Safetensors} (the
 * safetensors format, readable by PyTorch) and {@link dev.nabla.nn.io.Checkpoints} (crash-safe
 * checkpoint directories).
 */
package dev.nabla.nn.io;
