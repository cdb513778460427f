package dev.nabla.cli;

import dev.nabla.tensor.KernelInfo;
import picocli.CommandLine.Command;

/** {@code nabla info}: what this JVM gives Nabla. */
@Command(name = "info", description = "Show the JDK, SIMD support and thread count Nabla runs with.")
final class InfoCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("nabla    " + Main.VERSION);
        System.out.println("jdk      " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
        System.out.println("simd     " + KernelInfo.simd());
        System.out.println("threads  " + KernelInfo.threads());
    }
}
