package io.nightshift.pipeline.dot;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a pipeline written in the Graphviz DOT language (the grammar Graphviz accepts, which attractor-spec 2.2
 * narrows) into a {@link Graph}. Hand-written recursive descent over {@link DotLexer}; every node, edge and
 * attribute keeps the place it was written.
 *
 * <pre>
 * file       := 'strict'? 'digraph' name? '{' stmt* '}'        exactly one graph, nothing after it
 * name       := word | number | string
 * stmt       := ( 'graph' attrs                                graph attributes (subgraph label inside one)
 *              | 'node' attrs | 'edge' attrs                   defaults for the rest of the enclosing block
 *              | key '=' value                                 one graph (or subgraph) attribute
 *              | operand ( '->' operand )+ attrs?              edges between every node of consecutive operands
 *              | subgraph                                      scoped defaults; its label names a class
 *              | id attrs?                                     declare a node, or add to an earlier one
 *              ) ';'?
 * operand    := id | subgraph                                  a subgraph stands for every node it mentions
 * subgraph   := ( 'subgraph' name? )? '{' stmt* '}'            named, anonymous, nested; cluster_ is just a name
 * attrs      := ( '[' ( key '=' value ( ',' | ';' )? )* ']' )+  separators optional, as in Graphviz; keys unique
 * key        := identifier ( '.' identifier )*                 e.g. tool_hooks.pre
 * id         := identifier | numeral, bare or quoted           other text belongs in label
 * identifier := [A-Za-z_][A-Za-z0-9_]*
 * numeral    := [0-9]+ ( '.' [0-9]* )?
 * value      := string | integer | float | duration | true | false | bare | html
 * string     := '"' text '"' ( '+' '"' text '"' )*             \" \\ \n \t resolved, other escapes kept as written,
 *                                                             backslash-newline removed; may span lines
 * html       := '<' text with balanced '<' '>' '>'             kept as text, never interpreted
 * duration   := integer ( ms | s | m | h | d )
 * bare       := [A-Za-z_][A-Za-z0-9_.:-]*
 * comments   := '//' to end of line | '/*' to '*' '/' | a line starting with '#'
 * </pre>
 *
 * Keywords ({@code strict digraph graph subgraph node edge}) are matched ignoring case, as Graphviz does. Nodes
 * first seen in an edge are created with the node defaults in scope at that point and marked as not declared
 * (lint's {@code edge_target_exists} names them). Declaring a node again merges its attributes (later values
 * win), as Graphviz does. {@code strict} merges repeated edges between the same two nodes into the first.
 * Subgraphs are flattened: their nodes and edges join the graph, and each node records the classes derived from
 * the labels of its enclosing subgraphs.
 */
public final class DotParser {

    /** Subgraphs nest at most this deep, so hostile input cannot exhaust the stack. */
    static final int MAX_NESTING = 64;

    private final DotLexer lexer;
    private final String file;
    private final Map<String, NodeDraft> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, Attribute> graphAttrs = new LinkedHashMap<>();
    private boolean strict;

    private DotParser(DotSource source) {
        this.file = source.fileName();
        this.lexer = new DotLexer(source.text(), file);
    }

    /** Parses one pipeline source. Never returns a partial graph: the first syntax error is thrown. */
    public static Graph parse(DotSource source) throws DotSyntaxException {
        return new DotParser(source).parseFile();
    }

    private Graph parseFile() throws DotSyntaxException {
        lexer.next();
        if (lexer.kind() == DotToken.EOF) {
            throw error("the pipeline source is empty: expected 'digraph name { ... }'");
        }
        if (lexer.isWord("strict")) {
            strict = true;
            lexer.next();
        }
        if (lexer.isWord("graph")) {
            throw error("undirected graphs are not supported: use 'digraph'");
        }
        if (!lexer.isWord("digraph")) {
            throw error("expected 'digraph' at the start of the pipeline, found " + lexer.describe());
        }
        lexer.next();
        String id = "";
        if (lexer.kind() == DotToken.WORD || lexer.kind() == DotToken.STRING || lexer.kind() == DotToken.NUMBER) {
            id = lexer.text();
            lexer.next();
        }
        if (lexer.kind() != DotToken.LBRACE) {
            throw error("expected '{' after 'digraph " + id + "', found " + lexer.describe());
        }
        SourceLocation open = lexer.location();
        lexer.next();
        Scope root = new Scope(null, new LinkedHashMap<>(), new LinkedHashMap<>());
        parseStatements(root, open, "graph");
        lexer.next();
        if (lexer.isWord("digraph") || lexer.isWord("graph") || lexer.isWord("strict")) {
            throw error("more than one graph in the file: a pipeline file holds exactly one digraph");
        }
        if (lexer.kind() != DotToken.EOF) {
            throw error("unexpected " + lexer.describe() + " after the closing '}' of the graph: "
                    + "everything must be inside 'digraph " + id + " { ... }'");
        }
        return build(id);
    }

    /** Parses statements up to the matching '}', leaving the lexer on it. */
    private void parseStatements(Scope scope, SourceLocation open, String what) throws DotSyntaxException {
        while (true) {
            lexer.clearSuspect();
            switch (lexer.kind()) {
                case RBRACE -> {
                    return;
                }
                case EOF -> throw error("missing '}' to close the " + what + " opened at line " + open.line()
                        + ", column " + open.column());
                case SEMICOLON -> lexer.next();
                case WORD, STRING, NUMBER, LBRACE -> parseStatement(scope);
                case HTML -> throw error("an HTML-like value cannot start a statement: node ids are identifiers"
                        + " or numbers, and <...> values go after '=' (like label=<...>)");
                default -> throw error("expected a statement (node, edge, attribute or subgraph), found "
                        + lexer.describe());
            }
        }
    }

    private void parseStatement(Scope scope) throws DotSyntaxException {
        if (lexer.kind() == DotToken.WORD) {
            if (lexer.isWord("graph") || lexer.isWord("node") || lexer.isWord("edge")) {
                String keyword = lexer.text().toLowerCase(java.util.Locale.ROOT);
                SourceLocation at = lexer.location();
                lexer.next();
                if (lexer.kind() != DotToken.LBRACKET) {
                    throw new DotSyntaxException(at, "'" + keyword + "' is a keyword and must be followed by '[': "
                            + "write '" + keyword + " [key=value]', or pick another node id");
                }
                Map<String, Attribute> attrs = parseAttrLists();
                switch (keyword) {
                    case "graph" -> scope.setGraphAttrs(attrs, graphAttrs);
                    case "node" -> scope.nodeDefaults.putAll(attrs);
                    default -> scope.edgeDefaults.putAll(attrs);
                }
                return;
            }
            if (lexer.isWord("digraph") || lexer.isWord("strict")) {
                throw error("a graph cannot be nested inside another: use 'subgraph name { ... }'");
            }
        }
        if (lexer.kind() == DotToken.LBRACE || lexer.isWord("subgraph")) {
            SourceLocation at = lexer.location();
            int bareBefore = scope.bare.size();
            List<String> members = parseSubgraph(scope);
            if (lexer.kind() == DotToken.ARROW) {
                parseEdgeChain(scope, asOperand(scope, members, bareBefore), at);
            } else if (lexer.kind() == DotToken.UNDIRECTED) {
                throw error("undirected edges ('--') are not supported: use '->'");
            }
            return;
        }
        SourceLocation at = lexer.location();
        DotToken firstKind = lexer.kind();
        String first = lexer.text();
        lexer.next();
        switch (lexer.kind()) {
            case EQUALS -> {
                checkKey(first, at);
                lexer.next();
                Attribute attr = parseValue(first, at);
                scope.setGraphAttr(attr, graphAttrs);
            }
            case ARROW -> {
                String id = nodeId(firstKind, first, at);
                touch(scope, id, at);
                parseEdgeChain(scope, List.of(id), at);
            }
            case UNDIRECTED -> throw error("undirected edges ('--') are not supported: use '->'");
            default -> {
                String id = nodeId(firstKind, first, at);
                Map<String, Attribute> attrs = lexer.kind() == DotToken.LBRACKET ? parseAttrLists() : Map.of();
                NodeDraft node = nodes.get(id);
                if (node == null) {
                    NodeDraft created = new NodeDraft(id, scope, at, attrs, true);
                    nodes.put(id, created);
                    if (attrs.isEmpty()) {
                        scope.bare.add(created);
                    }
                } else {
                    node.declare(scope, at, attrs);
                }
                scope.members.add(id);
            }
        }
    }

    /**
     * Parses {@code subgraph name? { ... }} or {@code { ... }} at the current token and returns the ids of every
     * node it mentions (nested subgraphs included), in order; leaves the lexer after the '}'.
     */
    private List<String> parseSubgraph(Scope parent) throws DotSyntaxException {
        SourceLocation at = lexer.location();
        if (lexer.isWord("subgraph")) {
            lexer.next();
            if (lexer.kind() == DotToken.WORD || lexer.kind() == DotToken.STRING || lexer.kind() == DotToken.NUMBER) {
                lexer.next();
            }
            if (lexer.kind() != DotToken.LBRACE) {
                throw error("expected '{' to open the subgraph, found " + lexer.describe());
            }
        }
        if (parent.depth >= MAX_NESTING) {
            throw new DotSyntaxException(at, "subgraphs are nested more than " + MAX_NESTING
                    + " levels deep: flatten the pipeline");
        }
        lexer.next();
        Scope scope = new Scope(parent, new LinkedHashMap<>(parent.nodeDefaults),
                new LinkedHashMap<>(parent.edgeDefaults));
        parseStatements(scope, at, "subgraph");
        lexer.next();
        parent.members.addAll(scope.members);
        parent.bare.addAll(scope.bare);
        return List.copyOf(scope.members);
    }

    /** A subgraph used as an edge operand: ids it only names ({@code a -> {b c}}) are references, not declarations. */
    private static List<String> asOperand(Scope parent, List<String> members, int bareBefore) {
        List<NodeDraft> named = parent.bare.subList(bareBefore, parent.bare.size());
        for (NodeDraft d : named) {
            d.declared = false;
        }
        named.clear();
        return members;
    }

    /**
     * Parses {@code -> operand} repeatedly after a first operand, then the attributes; adds one edge from every
     * node of each operand to every node of the next (Graphviz), in the order written.
     */
    private void parseEdgeChain(Scope scope, List<String> firstIds, SourceLocation firstAt)
            throws DotSyntaxException {
        List<List<String>> operands = new ArrayList<>();
        List<SourceLocation> places = new ArrayList<>();
        operands.add(firstIds);
        places.add(firstAt);
        while (lexer.kind() == DotToken.ARROW) {
            lexer.next();
            SourceLocation at = lexer.location();
            if (lexer.kind() == DotToken.LBRACE || lexer.isWord("subgraph")) {
                int bareBefore = scope.bare.size();
                operands.add(asOperand(scope, parseSubgraph(scope), bareBefore));
            } else if (lexer.kind() == DotToken.WORD || lexer.kind() == DotToken.STRING
                    || lexer.kind() == DotToken.NUMBER) {
                String id = nodeId(lexer.kind(), lexer.text(), at);
                touch(scope, id, at);
                operands.add(List.of(id));
                lexer.next();
            } else {
                throw error("expected a node id or a subgraph after '->', found " + lexer.describe());
            }
            places.add(at);
        }
        if (lexer.kind() == DotToken.UNDIRECTED) {
            throw error("undirected edges ('--') are not supported: use '->'");
        }
        Map<String, Attribute> explicit = lexer.kind() == DotToken.LBRACKET ? parseAttrLists() : Map.of();
        Attributes attrs;
        if (scope.edgeDefaults.isEmpty()) {
            attrs = explicit.isEmpty() ? Attributes.EMPTY : Attributes.of(explicit.values());
        } else {
            Map<String, Attribute> merged = new LinkedHashMap<>(scope.edgeDefaults);
            merged.putAll(explicit);
            attrs = Attributes.of(merged.values());
        }
        for (int i = 0; i + 1 < operands.size(); i++) {
            for (String from : operands.get(i)) {
                for (String to : operands.get(i + 1)) {
                    edges.add(new Edge(from, to, attrs, places.get(i)));
                }
            }
        }
    }

    /** Makes sure a node referenced by an edge exists, creating it with the defaults in scope. */
    private void touch(Scope scope, String id, SourceLocation at) {
        if (!nodes.containsKey(id)) {
            nodes.put(id, new NodeDraft(id, scope, at, Map.of(), false));
        }
        scope.members.add(id);
    }

    /** One or more attribute blocks in a row ({@code [a=1][b=2]}), read as one; a key may appear once. */
    private Map<String, Attribute> parseAttrLists() throws DotSyntaxException {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        while (lexer.kind() == DotToken.LBRACKET) {
            parseAttrBlock(attrs);
        }
        return attrs;
    }

    private void parseAttrBlock(Map<String, Attribute> attrs) throws DotSyntaxException {
        SourceLocation open = lexer.location();
        lexer.next();
        while (lexer.kind() != DotToken.RBRACKET) {
            if (lexer.kind() == DotToken.HTML) {
                throw error("an HTML-like value cannot be an attribute key: write key=<...>");
            }
            if (lexer.kind() != DotToken.WORD && lexer.kind() != DotToken.STRING) {
                throw missingBracket(open);
            }
            SourceLocation at = lexer.location();
            String key = lexer.text();
            String keyShown = lexer.describe();
            lexer.next();
            if (lexer.kind() != DotToken.EQUALS) {
                String detail = "expected '=' after attribute key " + keyShown + ", found " + lexer.describe();
                if (at.line() > open.line() && (lexer.kind() == DotToken.LBRACKET || lexer.kind() == DotToken.ARROW)) {
                    detail += "; is the ']' closing the attribute block opened at line " + open.line() + ", column "
                            + open.column() + " missing?";
                } else {
                    detail += " (write " + key + "=value)";
                }
                throw error(detail);
            }
            checkKey(key, at);
            lexer.next();
            Attribute attr = parseValue(key, at);
            Attribute previous = attrs.put(key, attr);
            if (previous != null) {
                throw new DotSyntaxException(at, "duplicate attribute '" + key + "' in one attribute list: "
                        + "first set at line " + previous.location().line() + ", column "
                        + previous.location().column() + " (keep only one)");
            }
            if (lexer.kind() == DotToken.COMMA || lexer.kind() == DotToken.SEMICOLON) {
                lexer.next();
            }
        }
        lexer.next();
    }

    private DotSyntaxException missingBracket(SourceLocation open) {
        return error("missing ']' to close the attribute block opened at line " + open.line() + ", column "
                + open.column() + ": found " + lexer.describe());
    }

    /** Parses a value at the current token and advances past it. */
    private Attribute parseValue(String key, SourceLocation keyAt) throws DotSyntaxException {
        Attribute attr = switch (lexer.kind()) {
            case STRING -> new Attribute(key, lexer.text(), true, keyAt);
            case WORD -> new Attribute(key, lexer.text(), false, keyAt);
            case NUMBER -> {
                String text = lexer.text();
                if (!isNumberOrDuration(text)) {
                    throw error("'" + text + "' is not a valid value for '" + key + "': expected an integer, a float"
                            + " or a duration like 900s; quote it if it is text (\"" + text + "\")");
                }
                yield new Attribute(key, text, false, keyAt);
            }
            case HTML -> new Attribute(key, lexer.text(), true, keyAt);
            case EOF, RBRACKET, COMMA, RBRACE, SEMICOLON -> throw error("missing value after '" + key + "=', found "
                    + lexer.describe());
            default -> throw error("expected a value after '" + key + "=', found " + lexer.describe()
                    + " (quote values that contain symbols)");
        };
        lexer.next();
        return attr;
    }

    /**
     * Node ids are identifiers or numerals, bare or quoted. Graphviz takes any quoted text, but an id names a stage
     * directory and a stylesheet selector, so anything else is refused with a suggestion.
     */
    private String nodeId(DotToken kind, String text, SourceLocation at) throws DotSyntaxException {
        if (isIdentifier(text) || isNumeral(text)) {
            return text;
        }
        String shown = kind == DotToken.STRING ? "\"" + text + "\"" : "'" + text + "'";
        throw new DotSyntaxException(at, withQuoteHint(shown + " is not a valid node id: node ids match"
                + " [A-Za-z_][A-Za-z0-9_]* or are numbers; use a bare id (like " + suggestId(text)
                + ") and put the text in label"));
    }

    /** A Graphviz numeral without sign: {@code 12}, {@code 1.5}, {@code .5}. */
    static boolean isNumeral(String s) {
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                return false;
            }
        }
        return digits > 0 && dots <= 1;
    }

    private void checkKey(String key, SourceLocation at) throws DotSyntaxException {
        int segmentStart = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == '.') {
                if (!isIdentifier(key.substring(segmentStart, i))) {
                    throw new DotSyntaxException(at, withQuoteHint("'" + key + "' is not a valid attribute key:"
                            + " keys are identifiers, optionally qualified with dots (like max_retries or"
                            + " tool_hooks.pre)"));
                }
                segmentStart = i + 1;
            }
        }
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Integer, float or integer with a duration unit, as attractor-spec 2.4 types them. */
    static boolean isNumberOrDuration(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        int digits = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i == s.length()) {
            return digits > 0;
        }
        if (s.charAt(i) == '.') {
            i++;
            int fraction = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
                fraction++;
            }
            return fraction > 0 && i == s.length();
        }
        String unit = s.substring(i);
        return digits > 0 && !s.startsWith("-")
                && (unit.equals("ms") || unit.equals("s") || unit.equals("m") || unit.equals("h") || unit.equals("d"));
    }

    private static String suggestId(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < 30; i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                sb.append(Character.toLowerCase(c));
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '_') {
                sb.append('_');
            }
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '_') {
            sb.setLength(sb.length() - 1);
        }
        if (sb.length() == 0 || Character.isDigit(sb.charAt(0))) {
            sb.insert(0, "n_");
        }
        return sb.toString();
    }

    private DotSyntaxException error(String detail) {
        return new DotSyntaxException(lexer.location(), withQuoteHint(detail));
    }

    /**
     * Adds the likely cause when, in the statement being read, a string's closing quote was directly followed by
     * more text: a '"' inside the text that should have been written \".
     */
    private String withQuoteHint(String detail) {
        SourceLocation suspect = lexer.suspectQuote();
        if (suspect == null) {
            return detail;
        }
        return detail + "; likely cause: the string opened at line " + suspect.line() + ", column "
                + suspect.column() + " contains an unescaped '\"' that ends it early (write \\\" for a quote"
                + " inside a string)";
    }

    private Graph build(String id) {
        List<Node> built = new ArrayList<>(nodes.size());
        Map<Scope, List<String>> classCache = new HashMap<>();
        for (NodeDraft draft : nodes.values()) {
            built.add(draft.build(classCache));
        }
        return new Graph(id, file, Attributes.of(graphAttrs.values()), built, strict ? mergeRepeated(edges) : edges);
    }

    /** {@code strict}: one edge per ordered pair of nodes; a repeated edge's attributes merge into the first. */
    private static List<Edge> mergeRepeated(List<Edge> all) {
        Map<String, Edge> byPair = new LinkedHashMap<>();
        for (Edge e : all) {
            byPair.merge(e.from() + "\u0000" + e.to(), e, (first, again) -> new Edge(first.from(), first.to(),
                    first.attrs().overriddenBy(again.attrs()), first.location()));
        }
        return new ArrayList<>(byPair.values());
    }

    /** A block's defaults; the root scope's attributes are the graph's, a subgraph's label names a class. */
    private static final class Scope {
        final Scope parent;
        final Map<String, Attribute> nodeDefaults;
        final Map<String, Attribute> edgeDefaults;
        final int depth;
        /** Every node this block mentions, nested blocks included: what the block stands for in an edge. */
        final java.util.Set<String> members = new java.util.LinkedHashSet<>();
        /** Nodes this block (or a nested one) created with a bare {@code id} statement: maybe only references. */
        final List<NodeDraft> bare = new ArrayList<>();
        String label = "";

        Scope(Scope parent, Map<String, Attribute> nodeDefaults, Map<String, Attribute> edgeDefaults) {
            this.parent = parent;
            this.depth = parent == null ? 0 : parent.depth + 1;
            this.nodeDefaults = nodeDefaults;
            this.edgeDefaults = edgeDefaults;
        }

        void setGraphAttr(Attribute attr, Map<String, Attribute> graphAttrs) {
            if (parent == null) {
                graphAttrs.put(attr.key(), attr);
            } else if (attr.key().equals("label")) {
                label = attr.value();
            }
        }

        void setGraphAttrs(Map<String, Attribute> attrs, Map<String, Attribute> graphAttrs) {
            for (Attribute a : attrs.values()) {
                setGraphAttr(a, graphAttrs);
            }
        }

        /** Classes of the enclosing subgraphs, outermost first; resolved after parsing, when labels are known. */
        List<String> classes(Map<Scope, List<String>> cache) {
            List<String> cached = cache.get(this);
            if (cached != null) {
                return cached;
            }
            List<String> result = new ArrayList<>(parent == null ? List.of() : parent.classes(cache));
            String cls = SubgraphClasses.derive(label);
            if (!cls.isEmpty() && !result.contains(cls)) {
                result.add(cls);
            }
            List<String> frozen = List.copyOf(result);
            cache.put(this, frozen);
            return frozen;
        }
    }

    /** A node while the file is read: defaults from its first appearance, then every declaration merged in. */
    private static final class NodeDraft {
        final String id;
        final Map<String, Attribute> attrs;
        final List<Scope> scopes = new ArrayList<>(1);
        SourceLocation location;
        boolean declared;

        NodeDraft(String id, Scope scope, SourceLocation at, Map<String, Attribute> explicit, boolean declared) {
            this.id = id;
            this.attrs = new LinkedHashMap<>();
            scope.nodeDefaults.forEach((k, a) -> this.attrs.put(k, a.asInherited()));
            this.attrs.putAll(explicit);
            this.scopes.add(scope);
            this.location = at;
            this.declared = declared;
        }

        void declare(Scope scope, SourceLocation at, Map<String, Attribute> explicit) {
            attrs.putAll(explicit);
            if (!scopes.contains(scope)) {
                scopes.add(scope);
            }
            if (!declared) {
                location = at;
                declared = true;
            }
        }

        Node build(Map<Scope, List<String>> cache) {
            List<String> classes;
            if (scopes.size() == 1) {
                classes = scopes.get(0).classes(cache);
            } else {
                List<String> all = new ArrayList<>();
                for (Scope s : scopes) {
                    for (String c : s.classes(cache)) {
                        if (!all.contains(c)) {
                            all.add(c);
                        }
                    }
                }
                classes = all;
            }
            return new Node(id, Attributes.of(attrs.values()), classes, location, declared);
        }
    }
}
