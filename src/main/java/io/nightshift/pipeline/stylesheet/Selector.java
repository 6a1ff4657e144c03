package io.nightshift.pipeline.stylesheet;

import io.nightshift.pipeline.graph.Node;

/** Which nodes a stylesheet rule applies to, and how specific it is (attractor-spec 8.3). */
sealed interface Selector {

    /** 0 for {@code *}, 1 for a shape, 2 for a class, 3 for an id. */
    int specificity();

    boolean matches(Node node);

    /** {@code *}: every node. */
    record Universal() implements Selector {
        @Override
        public int specificity() {
            return 0;
        }

        @Override
        public boolean matches(Node node) {
            return true;
        }

        @Override
        public String toString() {
            return "*";
        }
    }

    /** A shape name such as {@code box}: nodes with that shape (box when unset). */
    record Shape(String shape) implements Selector {
        @Override
        public int specificity() {
            return 1;
        }

        @Override
        public boolean matches(Node node) {
            return node.shape().equals(shape);
        }

        @Override
        public String toString() {
            return shape;
        }
    }

    /** {@code .name}: nodes with that class, from the class attribute or an enclosing subgraph's label. */
    record ClassName(String name) implements Selector {
        @Override
        public int specificity() {
            return 2;
        }

        @Override
        public boolean matches(Node node) {
            return node.classes().contains(name);
        }

        @Override
        public String toString() {
            return "." + name;
        }
    }

    /** {@code #id}: the node with that id. */
    record NodeId(String id) implements Selector {
        @Override
        public int specificity() {
            return 3;
        }

        @Override
        public boolean matches(Node node) {
            return node.id().equals(id);
        }

        @Override
        public String toString() {
            return "#" + id;
        }
    }
}
