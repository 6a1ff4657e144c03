package io.nightshift.pipeline.dot;

import io.nightshift.pipeline.graph.SourceLocation;

/**
 * Splits DOT text into tokens, one at a time (the parser holds one token of lookahead). Whitespace and comments ({@code //},
 * {@code /* *}{@code /}, and lines starting with {@code #}, as Graphviz skips preprocessor output) are skipped here,
 * so a comment marker inside a quoted string is plain text. Words and numbers are not copied until the parser asks
 * for their text. As in Graphviz, {@code "a" + "b"} is one string, a backslash before a newline continues the
 * string on the next line, and an HTML-like value {@code <...>} (nested angle brackets balanced) is one token
 * whose text is what lies between the outer brackets.
 */
final class DotLexer {

    private final String text;
    private final String file;
    private final int length;
    private int pos;
    private int line = 1;
    private int lineStart;

    private DotToken kind;
    private int start;
    private int end;
    private int tokenLine;
    private int tokenColumn;
    private String stringValue;
    private SourceLocation lastMultiLineString;
    /** Where the previous token ended and whether it was a string: a token glued to a closing quote is suspect. */
    private int previousEnd = -1;
    private boolean previousWasString;
    private SourceLocation previousStringOpen;
    private SourceLocation suspectQuote;

    DotLexer(String text, String file) {
        this.text = text;
        this.file = file;
        this.length = text.length();
    }

    DotToken kind() {
        return kind;
    }

    /**
     * The token's text: the raw characters of a word or number, the unescaped value of a string (concatenations
     * joined), what lies between the outer brackets of an HTML-like value.
     */
    String text() {
        return switch (kind) {
            case STRING -> stringValue;
            case HTML -> text.substring(start + 1, end - 1);
            default -> text.substring(start, end);
        };
    }

    /** True when the current token is the keyword {@code keyword}, compared ignoring case (as Graphviz does). */
    boolean isWord(String keyword) {
        return kind == DotToken.WORD && end - start == keyword.length()
                && text.regionMatches(true, start, keyword, 0, keyword.length());
    }

    /**
     * Where a string opened whose closing quote was immediately followed by a word or another string since the
     * last {@link #clearSuspect()}: the usual sign of an unescaped '"' inside the text. Null when none.
     */
    SourceLocation suspectQuote() {
        return suspectQuote;
    }

    void clearSuspect() {
        suspectQuote = null;
    }

    int line() {
        return tokenLine;
    }

    int column() {
        return tokenColumn;
    }

    SourceLocation location() {
        return new SourceLocation(file, tokenLine, tokenColumn);
    }

    /** A short description of the current token for error messages. */
    String describe() {
        return switch (kind) {
            case WORD, NUMBER, OTHER -> "'" + text.substring(start, end) + "'";
            case STRING -> "string \"" + abbreviate(stringValue) + "\"";
            case ARROW -> "'->'";
            case UNDIRECTED -> "'--'";
            case LBRACKET -> "'['";
            case RBRACKET -> "']'";
            case LBRACE -> "'{'";
            case RBRACE -> "'}'";
            case EQUALS -> "'='";
            case COMMA -> "','";
            case SEMICOLON -> "';'";
            case HTML -> "HTML-like value <" + abbreviate(text.substring(start + 1, Math.max(start + 1, end - 1))) + ">";
            case EOF -> "the end of the file";
        };
    }

    void next() throws DotSyntaxException {
        if (kind != null && kind != DotToken.EOF) {
            previousEnd = end;
            previousWasString = kind == DotToken.STRING;
            previousStringOpen = previousWasString ? new SourceLocation(file, tokenLine, tokenColumn) : null;
        }
        skipSpaceAndComments();
        start = pos;
        tokenLine = line;
        tokenColumn = pos - lineStart + 1;
        if (pos >= length) {
            kind = DotToken.EOF;
            end = pos;
            return;
        }
        char c = text.charAt(pos);
        if (isWordStart(c)) {
            if (previousWasString && previousEnd == pos && suspectQuote == null) {
                suspectQuote = previousStringOpen;
            }
            pos = scanWord(pos + 1);
            kind = DotToken.WORD;
        } else if (isDigit(c) || (c == '-' || c == '.') && pos + 1 < length && isNumberContinuation(text.charAt(pos + 1))) {
            pos = scanWord(pos + 1);
            kind = DotToken.NUMBER;
        } else if (c == '"') {
            if (previousWasString && previousEnd == pos && suspectQuote == null) {
                suspectQuote = previousStringOpen;
            }
            scanString();
            concatenate();
            kind = DotToken.STRING;
        } else if (c == '<') {
            scanHtml();
            kind = DotToken.HTML;
        } else if (c == '-' && pos + 1 < length && text.charAt(pos + 1) == '>') {
            pos += 2;
            kind = DotToken.ARROW;
        } else if (c == '-' && pos + 1 < length && text.charAt(pos + 1) == '-') {
            pos += 2;
            kind = DotToken.UNDIRECTED;
        } else {
            pos++;
            kind = switch (c) {
                case '[' -> DotToken.LBRACKET;
                case ']' -> DotToken.RBRACKET;
                case '{' -> DotToken.LBRACE;
                case '}' -> DotToken.RBRACE;
                case '=' -> DotToken.EQUALS;
                case ',' -> DotToken.COMMA;
                case ';' -> DotToken.SEMICOLON;
                default -> DotToken.OTHER;
            };
            if (kind == DotToken.OTHER && Character.isHighSurrogate(c) && pos < length) {
                pos++;
            }
        }
        end = pos;
    }

    private boolean isNumberContinuation(char c) {
        return isDigit(c) || c == '.';
    }

    /** Consumes word characters; a hyphen counts only between word characters, so {@code a->b} splits. */
    private int scanWord(int i) {
        while (i < length) {
            char c = text.charAt(i);
            if (isWordPart(c)) {
                i++;
            } else if (c == '-' && i + 1 < length && isWordPart(text.charAt(i + 1)) && text.charAt(i + 1) != '.') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private void scanString() throws DotSyntaxException {
        int openLine = line;
        int openColumn = pos - lineStart + 1;
        int i = pos + 1;
        StringBuilder sb = null;
        int segment = i;
        while (true) {
            if (i >= length) {
                pos = i;
                String hint = lastMultiLineString == null ? "" : "; the string at line " + lastMultiLineString.line()
                        + ", column " + lastMultiLineString.column() + " spans several lines: is its closing '\"'"
                        + " missing?";
                throw new DotSyntaxException(new SourceLocation(file, openLine, openColumn),
                        "unterminated string: the '\"' opened here is never closed (add the closing '\"')" + hint);
            }
            char c = text.charAt(i);
            if (c == '"') {
                stringValue = sb == null ? text.substring(segment, i) : sb.append(text, segment, i).toString();
                pos = i + 1;
                if (line != openLine) {
                    lastMultiLineString = new SourceLocation(file, openLine, openColumn);
                }
                return;
            }
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (c == '\\' && i + 1 < length) {
                char n = text.charAt(i + 1);
                if (n == '\n' || n == '\r' && i + 2 < length && text.charAt(i + 2) == '\n') {
                    // A backslash before a line break continues the string: both disappear (Graphviz).
                    if (sb == null) {
                        sb = new StringBuilder(i - segment + 16);
                    }
                    sb.append(text, segment, i);
                    i += n == '\n' ? 2 : 3;
                    line++;
                    lineStart = i;
                    segment = i;
                    continue;
                }
                char replacement = switch (n) {
                    case '"' -> '"';
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case '\\' -> '\\';
                    default -> 0;
                };
                if (replacement == 0) {
                    i++;
                } else {
                    if (sb == null) {
                        sb = new StringBuilder(i - segment + 16);
                    }
                    sb.append(text, segment, i).append(replacement);
                    i += 2;
                    segment = i;
                }
            } else {
                i++;
            }
        }
    }

    private void skipSpaceAndComments() throws DotSyntaxException {
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '/' && pos + 1 < length && text.charAt(pos + 1) == '/') {
                while (pos < length && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < length && text.charAt(pos + 1) == '*') {
                skipBlockComment();
            } else if (c == '#' && atLineStart()) {
                while (pos < length && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /** True when only blanks precede {@code pos} on its line: Graphviz discards such lines starting with '#'. */
    private boolean atLineStart() {
        for (int i = lineStart; i < pos; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\f') {
                return false;
            }
        }
        return true;
    }

    /** After a string: {@code + "more"} (blanks and comments allowed around '+') appends to it. */
    private void concatenate() throws DotSyntaxException {
        while (true) {
            int savedPos = pos;
            int savedLine = line;
            int savedLineStart = lineStart;
            skipSpaceAndComments();
            if (pos < length && text.charAt(pos) == '+') {
                pos++;
                skipSpaceAndComments();
                if (pos < length && text.charAt(pos) == '"') {
                    String head = stringValue;
                    scanString();
                    stringValue = head + stringValue;
                    continue;
                }
            }
            pos = savedPos;
            line = savedLine;
            lineStart = savedLineStart;
            return;
        }
    }

    /** An HTML-like value: from '<' to the '>' that balances it; kept as text, never interpreted. */
    private void scanHtml() throws DotSyntaxException {
        SourceLocation open = new SourceLocation(file, line, pos - lineStart + 1);
        int depth = 0;
        int i = pos;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
                if (depth == 0) {
                    pos = i + 1;
                    return;
                }
            } else if (c == '\n') {
                line++;
                lineStart = i + 1;
            }
            i++;
        }
        pos = i;
        throw new DotSyntaxException(open, "unterminated HTML-like value: the '<' opened here is never balanced by"
                + " a '>' (close every '<' with '>', or quote the value as a string)");
    }

    private void skipBlockComment() throws DotSyntaxException {
        SourceLocation open = new SourceLocation(file, line, pos - lineStart + 1);
        pos += 2;
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '*' && pos + 1 < length && text.charAt(pos + 1) == '/') {
                pos += 2;
                return;
            }
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            }
            pos++;
        }
        throw new DotSyntaxException(open, "unterminated comment: the '/*' opened here is never closed (add '*/')");
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '.' || c == ':';
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= 30 ? oneLine : oneLine.substring(0, 27) + "...";
    }
}
