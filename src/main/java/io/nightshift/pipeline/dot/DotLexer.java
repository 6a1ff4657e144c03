package io.nightshift.pipeline.dot;

import io.nightshift.pipeline.graph.SourceLocation;

/**
 * Splits DOT text into tokens, one at a time (the parser holds one token of lookahead, plus
 * {@link #mark()}/{@link #reset(long[])} for the rare second one). Whitespace and comments are skipped here, so a
 * {@code //} or {@code /*} inside a quoted string is plain text. Words and numbers are not copied until the
 * parser asks for their text.
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

    DotLexer(String text, String file) {
        this.text = text;
        this.file = file;
        this.length = text.length();
    }

    DotToken kind() {
        return kind;
    }

    /** The token's text: the raw characters of a word or number, the unescaped value of a string. */
    String text() {
        return kind == DotToken.STRING ? stringValue : text.substring(start, end);
    }

    /** True when the current token is the word {@code keyword}, compared without copying. */
    boolean isWord(String keyword) {
        return kind == DotToken.WORD && end - start == keyword.length() && text.startsWith(keyword, start);
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

    long[] mark() {
        return new long[] {pos, line, lineStart};
    }

    void reset(long[] mark) throws DotSyntaxException {
        pos = (int) mark[0];
        line = (int) mark[1];
        lineStart = (int) mark[2];
        next();
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
            case HTML -> "'<'";
            case EOF -> "the end of the file";
        };
    }

    void next() throws DotSyntaxException {
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
            pos = scanWord(pos + 1);
            kind = DotToken.WORD;
        } else if (isDigit(c) || (c == '-' || c == '.') && pos + 1 < length && isNumberContinuation(text.charAt(pos + 1))) {
            pos = scanWord(pos + 1);
            kind = DotToken.NUMBER;
        } else if (c == '"') {
            scanString();
            kind = DotToken.STRING;
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
                case '<' -> DotToken.HTML;
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
                throw new DotSyntaxException(new SourceLocation(file, openLine, openColumn),
                        "unterminated string: the '\"' opened here is never closed (add the closing '\"')");
            }
            char c = text.charAt(i);
            if (c == '"') {
                stringValue = sb == null ? text.substring(segment, i) : sb.append(text, segment, i).toString();
                pos = i + 1;
                return;
            }
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (c == '\\' && i + 1 < length) {
                char n = text.charAt(i + 1);
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
            } else {
                return;
            }
        }
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
