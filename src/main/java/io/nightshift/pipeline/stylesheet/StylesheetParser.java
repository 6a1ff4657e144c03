package io.nightshift.pipeline.stylesheet;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses attractor-spec 8.2 stylesheets.
 *
 * <pre>
 * stylesheet  := rule*                                   blank text is an empty stylesheet
 * rule        := selector '{' ( decl ( ';' decl )* ';'? )? '}'
 * selector    := '*' | shape | '#' identifier | '.' class
 * shape       := identifier                              e.g. box, hexagon
 * class       := [A-Za-z0-9_-]+
 * decl        := property ( ':' | '=' ) value            property is llm_model, llm_provider or reasoning_effort
 *                                                        (model and provider are read as llm_model, llm_provider)
 * value       := '"' text with \" and \\ escapes '"' | [A-Za-z0-9_.:/+-]+
 * </pre>
 *
 * Whitespace, including newlines, may appear between any two tokens.
 */
final class StylesheetParser {

    private final String text;
    private int pos;

    StylesheetParser(String text) {
        this.text = text == null ? "" : text;
    }

    Stylesheet parse() throws StylesheetSyntaxException {
        List<StyleRule> rules = new ArrayList<>();
        skipSpace();
        while (pos < text.length()) {
            rules.add(rule());
            skipSpace();
        }
        return new Stylesheet(rules);
    }

    private StyleRule rule() throws StylesheetSyntaxException {
        Selector selector = selector();
        skipSpace();
        expect('{', "'{' after the selector " + selector);
        List<StyleRule.Declaration> declarations = new ArrayList<>();
        skipSpace();
        while (!at('}')) {
            if (pos >= text.length()) {
                throw error("missing '}' to close the rule for " + selector);
            }
            declarations.add(declaration());
            skipSpace();
            if (at(';')) {
                pos++;
                skipSpace();
            } else if (!at('}')) {
                throw error("expected ';' or '}' after a declaration, found " + found());
            }
        }
        pos++;
        return new StyleRule(selector, declarations);
    }

    private Selector selector() throws StylesheetSyntaxException {
        char c = text.charAt(pos);
        if (c == '*') {
            pos++;
            return new Selector.Universal();
        }
        if (c == '#') {
            pos++;
            String id = word(false);
            if (!isIdentifier(id)) {
                throw error("expected a node id after '#', found " + (id.isEmpty() ? found() : "'" + id + "'"));
            }
            return new Selector.NodeId(id);
        }
        if (c == '.') {
            pos++;
            String name = word(true);
            if (name.isEmpty()) {
                throw error("expected a class name after '.', found " + found());
            }
            return new Selector.ClassName(name);
        }
        String shape = word(false);
        if (!isIdentifier(shape)) {
            throw error("expected a selector ('*', a shape name, '.class' or '#id'), found "
                    + (shape.isEmpty() ? found() : "'" + shape + "'"));
        }
        return new Selector.Shape(shape);
    }

    private StyleRule.Declaration declaration() throws StylesheetSyntaxException {
        int propertyStart = pos;
        String property = word(false);
        property = StyleProperties.ALIASES.getOrDefault(property, property);
        if (property.isEmpty()) {
            throw error("expected a property (" + String.join(", ", StyleProperties.ALL) + "), found " + found());
        }
        if (!StyleProperties.ALL.contains(property)) {
            pos = propertyStart;
            throw error("unknown property '" + property + "': known properties are "
                    + String.join(", ", StyleProperties.ALL));
        }
        skipSpace();
        if (at('=')) {
            pos++; // some implementations write property = value
        } else {
            expect(':', "':' after '" + property + "'");
        }
        skipSpace();
        int valueStart = pos;
        String value = value(property);
        if (property.equals(StyleProperties.REASONING_EFFORT) && !StyleProperties.REASONING_EFFORTS.contains(value)) {
            pos = valueStart;
            throw error("reasoning_effort must be low, medium or high, found '" + value + "'");
        }
        return new StyleRule.Declaration(property, value);
    }

    private String value(String property) throws StylesheetSyntaxException {
        if (at('"')) {
            int open = pos;
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < text.length() && text.charAt(pos) != '"') {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < text.length()) {
                    pos++;
                    c = text.charAt(pos);
                }
                sb.append(c);
                pos++;
            }
            if (pos >= text.length()) {
                pos = open;
                throw error("unterminated string value for '" + property + "'");
            }
            pos++;
            return sb.toString();
        }
        int start = pos;
        while (pos < text.length() && isValueChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("missing value for '" + property + "', found " + found());
        }
        if (pos < text.length() && (text.charAt(pos) == '*' || text.charAt(pos) == '[' || text.charAt(pos) == '?')) {
            throw error("'" + text.substring(start, pos) + text.charAt(pos) + "...' looks like a glob pattern: "
                    + property + " takes one concrete value (like claude-sonnet-4-5); globs are not resolved");
        }
        return text.substring(start, pos);
    }

    private String word(boolean allowHyphen) {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '_' || allowHyphen && c == '-') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private void expect(char c, String what) throws StylesheetSyntaxException {
        if (!at(c)) {
            throw error("expected " + what + ", found " + found());
        }
        pos++;
    }

    private boolean at(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private String found() {
        return pos >= text.length() ? "the end of the stylesheet" : "'" + text.charAt(pos) + "'";
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private StylesheetSyntaxException error(String detail) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new StylesheetSyntaxException(line, pos - lineStart + 1, detail);
    }

    private static boolean isValueChar(char c) {
        return Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' || c == ':' || c == '/' || c == '-'
                || c == '+';
    }

    private static boolean isIdentifier(String s) {
        return !s.isEmpty() && !Character.isDigit(s.charAt(0));
    }
}
