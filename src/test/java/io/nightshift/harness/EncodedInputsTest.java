package io.nightshift.harness;

import static io.nightshift.harness.Scenarios.exitCode;
import static io.nightshift.harness.Scenarios.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** Issue 13 item 6: at {@code hints}, a program that encodes what it receives gets nothing of it back. */
class EncodedInputsTest {

    /** A scenario whose argument is a held-out input the agent must never see. */
    static final Scenario SECRET = new Scenario("s.feature:3", "Tally", "Counts the held-out text",
            "As a reader I want counts", "s.feature", 3, List.of(
                    run("./tally --label zebra-quartz-input held-out-words.txt"),
                    exitCode(0)));

    static final String INPUT = "zebra-quartz-input";

    static List<Arguments> encodings() {
        return List.of(
                Arguments.of("base64", (UnaryOperator<String>) s -> b64("got: " + s + "\n")),
                Arguments.of("base64, offset inside a longer text", (UnaryOperator<String>) s -> b64("xy" + s)),
                Arguments.of("base64 url-safe, no padding", (UnaryOperator<String>) s ->
                        Base64.getUrlEncoder().withoutPadding().encodeToString(("??>" + s).getBytes(StandardCharsets.UTF_8))),
                Arguments.of("base64 wrapped at 8 columns", (UnaryOperator<String>) s ->
                        String.join("\n", b64("args: " + s).split("(?<=\\G.{8})"))),
                Arguments.of("hex", (UnaryOperator<String>) s -> HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8))),
                Arguments.of("hex, upper case, xxd lines", (UnaryOperator<String>) s -> String.join("\n",
                        HexFormat.of().withUpperCase().formatHex(("> " + s).getBytes(StandardCharsets.UTF_8)).split("(?<=\\G.{10})"))),
                Arguments.of("reversed", (UnaryOperator<String>) s -> new StringBuilder("seen " + s).reverse().toString()),
                Arguments.of("URL-encoded", (UnaryOperator<String>) s -> URLEncoder.encode("a=" + s,
                        StandardCharsets.UTF_8).replace("-", "%2D").replace("a", "%61")),
                Arguments.of("upper case", (UnaryOperator<String>) s -> s.toUpperCase(Locale.ROOT)),
                Arguments.of("spaced out", (UnaryOperator<String>) s -> String.join(" ", s.split(""))),
                Arguments.of("ROT13", (UnaryOperator<String>) EncodedInputsTest::rot13));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void anObservationCarryingAnInputInAReversibleFormIsWithheld(String name, UnaryOperator<String> encode) {
        String observed = "exit code 1\nstdout:\n" + encode.apply(INPUT) + "\nstderr:\n";

        String shown = Disclosures.hintObservation(observed, SECRET);

        assertThat(shown.startsWith(Disclosures.WITHHELD) || shown.contains("[hidden]"))
                .as("withheld, or (for a mere change of case) every occurrence hidden: " + shown).isTrue();
        assertThat(shown.toLowerCase(Locale.ROOT)).doesNotContain("zebra").doesNotContain("quartz")
                .doesNotContain(encode.apply(INPUT).toLowerCase(Locale.ROOT));
    }

    @Test
    void anOrdinaryObservationIsShownWithThePlainInputHidden() {
        String observed = "exit code 2\nstdout:\n\nstderr:\ntally: unknown option --label zebra-quartz-input\n"
                + "usage: tally [--top N] FILE";

        String shown = Disclosures.hintObservation(observed, SECRET);

        assertThat(shown).doesNotStartWith(Disclosures.WITHHELD).contains("usage: tally [--top N] FILE")
                .contains("[hidden]").doesNotContain("zebra");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String rot13(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(Character.isLowerCase(c) ? (char) ('a' + (c - 'a' + 13) % 26) : c);
        }
        return out.toString();
    }
}
