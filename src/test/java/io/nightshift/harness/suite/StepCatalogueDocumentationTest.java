package io.nightshift.harness.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** scenario-store/README.md and the catalogue stay in step: every phrasing is listed, every example parses. */
class StepCatalogueDocumentationTest {

    private static final Path README = Path.of("scenario-store/README.md");

    @Test
    void theReadmeListsEveryBuiltInStep() throws Exception {
        String readme = Files.readString(README);

        for (String template : StepCatalogue.templates()) {
            assertThat(readme).as("scenario-store/README.md documents " + template).contains("`" + template + "`");
        }
    }

    @Test
    void everyExampleStepInTheReadmeIsUnderstood() throws Exception {
        String readme = Files.readString(README);
        Matcher block = Pattern.compile("```gherkin\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int checked = 0;
        while (block.find()) {
            List<String> lines = block.group(1).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Matcher step = Pattern.compile("^\\s*(?:Given|When|Then|And|But|\\*) (.*)$").matcher(lines.get(i));
                if (!step.matches()) {
                    continue;
                }
                String text = step.group(1);
                String next = i + 1 < lines.size() ? lines.get(i + 1).strip() : "";
                StepCatalogue.Argument arg = next.startsWith("\"\"\"") ? new StepCatalogue.Argument("1", null, null)
                        : next.startsWith("|") ? new StepCatalogue.Argument(null, null, List.of(List.of("A", "b")))
                        : StepCatalogue.Argument.NONE;
                assertThat(StepCatalogue.parse(text, arg)).as(text)
                        .isInstanceOf(StepCatalogue.Parsed.Understood.class);
                checked++;
            }
        }
        assertThat(checked).as("example steps found in the README").isGreaterThanOrEqualTo(30);
    }
}
