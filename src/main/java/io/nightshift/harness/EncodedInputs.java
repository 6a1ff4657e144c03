package io.nightshift.harness;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a scenario's hidden strings in an observation in a reversible form a program can produce with one call:
 * base64 (standard or URL-safe, wrapped or not), hex (upper or lower, {@code xxd -p} lines), reversed, URL-encoded,
 * ROT13, with case or whitespace changed. Each form is decoded from the observation and searched, case and
 * whitespace ignored, so a hidden string anywhere inside an encoded run is found whatever its alignment.
 * It cannot see an encoding it does not know (a custom cipher, a hash, compression, every other byte): those are
 * what {@code hints} cannot promise (scenario-store/README.md).
 */
final class EncodedInputs {

    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{8,}={0,2}");
    private static final Pattern HEX_RUN = Pattern.compile("(?:[0-9a-fA-F]{2}){4,}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private EncodedInputs() {
    }

    /** The name of the first encoding under which {@code observation} carries one of {@code hidden}, if any. */
    static Optional<String> find(String observation, Set<String> hidden) {
        if (observation == null || observation.isEmpty()) {
            return Optional.empty();
        }
        List<String> needles = new ArrayList<>();
        for (String h : hidden) {
            String n = normalize(h);
            if (n.length() >= Disclosures.MIN_REDACTED) {
                needles.add(n);
            }
        }
        if (needles.isEmpty()) {
            return Optional.empty();
        }
        String joined = WHITESPACE.matcher(observation).replaceAll("");
        if (carries(observation, needles)) {
            return Optional.of("with its case or whitespace changed");
        }
        if (carries(new StringBuilder(observation).reverse().toString(), needles)) {
            return Optional.of("reversed");
        }
        if (carries(rot13(observation), needles)) {
            return Optional.of("ROT13");
        }
        if (carries(urlDecoded(observation), needles)) {
            return Optional.of("URL-encoded");
        }
        if (decodedRuns(HEX_RUN, joined, EncodedInputs::hex, needles)) {
            return Optional.of("hex-encoded");
        }
        if (decodedRuns(BASE64_RUN, joined, EncodedInputs::base64, needles)
                || decodedRuns(BASE64_RUN, observation, EncodedInputs::base64, needles)) {
            return Optional.of("base64-encoded");
        }
        return Optional.empty();
    }

    /** Lower case, no whitespace: "The  Cat" and "thecat" compare equal. */
    static String normalize(String s) {
        return WHITESPACE.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static boolean carries(String text, List<String> needles) {
        if (text == null) {
            return false;
        }
        String t = normalize(text);
        for (String n : needles) {
            if (t.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private interface Decoder {
        String decode(String run);
    }

    /** Decodes every run of the pattern (and every suffix at each offset a run could start mid-encoding). */
    private static boolean decodedRuns(Pattern run, String text, Decoder decoder, List<String> needles) {
        Matcher m = run.matcher(text);
        while (m.find()) {
            String r = m.group();
            for (int offset = 0; offset < 4 && offset < r.length(); offset++) {
                if (carries(decoder.decode(r.substring(offset)), needles)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String hex(String run) {
        String even = run.length() % 2 == 0 ? run : run.substring(0, run.length() - 1);
        try {
            return new String(HexFormat.of().parseHex(even), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String base64(String run) {
        String body = run.replace("=", "");
        if (body.length() % 4 == 1) {
            body = body.substring(0, body.length() - 1);
        }
        boolean urlSafe = body.indexOf('-') >= 0 || body.indexOf('_') >= 0;
        try {
            byte[] bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder())
                    .decode(body + "==".substring(0, (4 - body.length() % 4) % 4));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String urlDecoded(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return null;
        }
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a stray % ends the decodable part: decode each %XX on its own
            StringBuilder out = new StringBuilder();
            Matcher m = Pattern.compile("%([0-9a-fA-F]{2})").matcher(text.replace('+', ' '));
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(
                        String.valueOf((char) Integer.parseInt(m.group(1), 16))));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    private static String rot13(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                out.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
