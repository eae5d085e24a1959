package org.lbpcdshooks.knowledge;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Build step (exec-maven-plugin, process-classes): translates {@code cql/} to ELM JSON in the build output, so the
 * service loads compiled libraries at startup instead of translating CQL. Fails the build on a CQL error.
 */
public final class ElmCompiler {

    private ElmCompiler() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ElmCompiler <cql directory> <elm output directory>");
        }
        CqlLibraries.writeElm(Path.of(args[0]), Path.of(args[1]));
    }
}
