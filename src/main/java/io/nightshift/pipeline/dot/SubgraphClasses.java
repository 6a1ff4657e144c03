package io.nightshift.pipeline.dot;

/** Derives a stylesheet class from a subgraph label (attractor-spec 2.10): {@code "Loop A"} becomes {@code loop-a}. */
final class SubgraphClasses {

    private SubgraphClasses() {
    }

    /** Lower case, spaces to hyphens, every other character that is not a letter, digit or hyphen dropped. */
    public static String derive(String label) {
        StringBuilder sb = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == ' ') {
                sb.append('-');
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
                sb.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                sb.append((char) (c + ('a' - 'A')));
            }
        }
        return sb.toString();
    }
}
