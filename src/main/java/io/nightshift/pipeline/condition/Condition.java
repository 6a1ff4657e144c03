package io.nightshift.pipeline.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed edge condition (attractor-spec section 10).
 *
 * <pre>
 * Condition ::= Clause ( '&amp;&amp;' Clause )*
 * Clause    ::= Key ( ( '=' | '!=' ) Literal )?      -- a bare key tests truthiness
 *             | '!'? Key '!'? 'contains' Literal      -- substring test; '!' before the key or 'contains' negates it
 * Key       ::= [A-Za-z_][A-Za-z0-9_.]*              -- outcome, preferred_label, context.path, or a plain context key
 * Literal   ::= '"' chars with \" \\ \n \t escapes '"' | [A-Za-z0-9_.:+-]+
 * </pre>
 *
 * The empty condition is always true. Comparison is exact and case-sensitive; missing context keys read as
 * the empty string. {@code contains} is attractor-spec 10.7's first extended operator, written by several
 * implementations' published pipelines (jhugman/attractor-pi-dev, siarhei-belavus/attractor-kotlin): the value holds
 * the literal as a substring (case-sensitive); {@code !key contains x} and {@code key !contains x} hold when it
 * does not.
 */
public final class Condition {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Pattern CONTAINS = Pattern.compile("(!\\s*)?([A-Za-z_][A-Za-z0-9_.]*)\\s+(!?)contains\\s+(.*)",
            Pattern.DOTALL);
    private static final Pattern BARE_LITERAL = Pattern.compile("[A-Za-z0-9_.:+\\-]+");

    /** One comparison; {@code op} is null for a bare key. */
    public record Clause(String key, String op, String literal) {
    }

    private final String source;
    private final List<Clause> clauses;

    private Condition(String source, List<Clause> clauses) {
        this.source = source;
        this.clauses = List.copyOf(clauses);
    }

    public static Condition parse(String expression) throws ConditionSyntaxException {
        String text = expression == null ? "" : expression;
        List<Clause> clauses = new ArrayList<>();
        if (text.isBlank()) {
            return new Condition(text, clauses);
        }
        if (text.contains("||")) {
            throw new ConditionSyntaxException(text, text.indexOf("||") + 1,
                    "'||' is not supported: conditions only combine clauses with '&&' (split the edge in two instead)");
        }
        int start = 0;
        for (String raw : splitClauses(text)) {
            int column = start + leadingSpaces(raw) + 1;
            String clause = raw.strip();
            if (clause.isEmpty()) {
                throw new ConditionSyntaxException(text, column, "empty clause next to '&&'");
            }
            clauses.add(parseClause(text, clause, column));
            start += raw.length() + 2;
        }
        return new Condition(text, clauses);
    }

    /** True when the expression parses; a convenience for validation. */
    public static boolean isValid(String expression) {
        try {
            parse(expression);
            return true;
        } catch (ConditionSyntaxException e) {
            return false;
        }
    }

    public boolean evaluate(ConditionScope scope) {
        for (Clause c : clauses) {
            String actual = resolve(c.key(), scope);
            boolean ok = switch (c.op() == null ? "" : c.op()) {
                case "" -> truthy(actual);
                case "=" -> actual.equals(c.literal());
                case "contains" -> actual.contains(c.literal());
                case "!contains" -> !actual.contains(c.literal());
                default -> !actual.equals(c.literal());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public List<Clause> clauses() {
        return clauses;
    }

    public boolean isEmpty() {
        return clauses.isEmpty();
    }

    public String source() {
        return source;
    }

    static String resolve(String key, ConditionScope scope) {
        if (key.equals("outcome")) {
            return nullToEmpty(scope.outcome());
        }
        if (key.equals("preferred_label")) {
            return nullToEmpty(scope.preferredLabel());
        }
        Object value = scope.contextValue(key);
        if (value == null && key.startsWith("context.")) {
            value = scope.contextValue(key.substring("context.".length()));
        }
        return value == null ? "" : String.valueOf(value);
    }

    private static boolean truthy(String value) {
        return !value.isEmpty() && !value.equalsIgnoreCase("false") && !value.equals("0");
    }

    private static Clause parseClause(String text, String clause, int column) throws ConditionSyntaxException {
        java.util.regex.Matcher contains = CONTAINS.matcher(clause);
        if (contains.matches()) {
            String literal = contains.group(4).strip();
            boolean negated = contains.group(1) != null ^ !contains.group(3).isEmpty();
            return new Clause(contains.group(2), negated ? "!contains" : "contains", parseLiteral(text, literal, column));
        }
        int ne = clause.indexOf("!=");
        int eq = clause.indexOf('=');
        String key;
        String op;
        String rest;
        if (ne >= 0 && ne <= eq) {
            key = clause.substring(0, ne).strip();
            op = "!=";
            rest = clause.substring(ne + 2);
        } else if (eq >= 0) {
            key = clause.substring(0, eq).strip();
            op = "=";
            rest = clause.substring(eq + 1);
        } else {
            key = clause;
            op = null;
            rest = null;
        }
        if (!KEY.matcher(key).matches()) {
            throw new ConditionSyntaxException(text, column, key.isEmpty()
                    ? "missing key before '" + op + "' (expected outcome, preferred_label or context.<key>)"
                    : "'" + key + "' is not a valid key (expected outcome, preferred_label or context.<key>)");
        }
        if (op == null) {
            return new Clause(key, null, null);
        }
        String literal = rest.strip();
        if (literal.startsWith("=")) {
            throw new ConditionSyntaxException(text, column, "'" + op + "=' is not an operator: use '=' or '!='");
        }
        return new Clause(key, op, parseLiteral(text, literal, column));
    }

    private static String parseLiteral(String text, String literal, int column) throws ConditionSyntaxException {
        if (literal.startsWith("\"")) {
            if (literal.length() < 2 || !literal.endsWith("\"")) {
                throw new ConditionSyntaxException(text, column, "unterminated string literal " + literal);
            }
            StringBuilder out = new StringBuilder();
            String body = literal.substring(1, literal.length() - 1);
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length()) {
                    char n = body.charAt(++i);
                    out.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> n;
                    });
                } else if (c == '"') {
                    throw new ConditionSyntaxException(text, column, "unescaped '\"' inside string literal " + literal);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        if (literal.isEmpty()) {
            throw new ConditionSyntaxException(text, column, "missing value after the operator (use \"\" for the empty string)");
        }
        if (!BARE_LITERAL.matcher(literal).matches()) {
            throw new ConditionSyntaxException(text, column,
                    "'" + literal + "' is not a valid value: quote it if it contains spaces or symbols");
        }
        return literal;
    }

    private static List<String> splitClauses(String text) {
        List<String> parts = new ArrayList<>();
        boolean inString = false;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && inString) {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && c == '&' && i + 1 < text.length() && text.charAt(i + 1) == '&') {
                parts.add(text.substring(from, i));
                from = i + 2;
                i++;
            }
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static int leadingSpaces(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return source;
    }
}
