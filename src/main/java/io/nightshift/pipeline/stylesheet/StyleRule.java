package io.nightshift.pipeline.stylesheet;

import java.util.List;

/** One {@code selector { property: value; ... }} block. */
record StyleRule(Selector selector, List<Declaration> declarations) {

    /** One {@code property: value} pair. */
    public record Declaration(String property, String value) {
    }

    public StyleRule {
        declarations = List.copyOf(declarations);
    }
}
