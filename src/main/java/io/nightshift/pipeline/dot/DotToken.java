package io.nightshift.pipeline.dot;

/** The kinds of token {@link DotLexer} produces. */
enum DotToken {
    /** {@code [A-Za-z_][A-Za-z0-9_.:-]*}: identifiers, keywords, qualified keys and bare values. */
    WORD,
    /** Starts with a digit, {@code -} or {@code .}: integers, floats, durations (validated by the parser). */
    NUMBER,
    STRING,
    ARROW,
    UNDIRECTED,
    LBRACKET,
    RBRACKET,
    LBRACE,
    RBRACE,
    EQUALS,
    COMMA,
    SEMICOLON,
    /** {@code <...>}: an HTML-like value, nested brackets balanced; its text is kept as written. */
    HTML,
    /** Any other character. */
    OTHER,
    EOF
}
