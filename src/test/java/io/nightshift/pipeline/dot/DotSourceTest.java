package io.nightshift.pipeline.dot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotSourceTest {

    @TempDir
    Path dir;

    @Test
    void readsAUtf8FileKeepingTheNameAsGiven() throws IOException {
        Path file = dir.resolve("p.dot");
        Files.writeString(file, "digraph G { a [label=\"Grüße\"] }");

        DotSource source = DotSource.read(file);

        assertThat(source.fileName()).isEqualTo(file.toString());
        assertThat(DotParser.parse(source).node("a").orElseThrow().label()).isEqualTo("Grüße");
    }

    @Test
    void stripsAByteOrderMark() throws IOException {
        Path file = dir.resolve("bom.dot");
        byte[] body = "digraph G { a }".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(file, bytes);

        assertThat(DotSource.read(file).text()).isEqualTo("digraph G { a }");
        assertThat(DotSource.of("\uFEFFdigraph G {}", "x.dot").text()).isEqualTo("digraph G {}");
    }

    @Test
    void rejectsAMissingFile() {
        DotSourceException e = catchThrowableOfType(DotSourceException.class,
                () -> DotSource.read(dir.resolve("nope.dot")));

        assertThat(e.getMessage()).isEqualTo(dir.resolve("nope.dot") + ": no such file (check the path)");
    }

    @Test
    void rejectsADirectory() {
        DotSourceException e = catchThrowableOfType(DotSourceException.class, () -> DotSource.read(dir));

        assertThat(e.detail()).contains("is a directory");
    }

    @Test
    void rejectsAnUnreadableFile() throws IOException {
        Path file = dir.resolve("secret.dot");
        Files.writeString(file, "digraph G {}");
        boolean changed = file.toFile().setReadable(false);
        if (!changed || Files.isReadable(file)) {
            // Running as root: permissions do not stop reads, so there is nothing to observe here.
            assertThat(DotSource.read(file).text()).isEqualTo("digraph G {}");
            return;
        }
        DotSourceException e = catchThrowableOfType(DotSourceException.class, () -> DotSource.read(file));

        assertThat(e.detail()).contains("permission denied");
    }

    @Test
    void rejectsATenMegabyteFileWithOneLine() throws IOException {
        Path file = dir.resolve("huge.dot");
        byte[] bytes = new byte[10 * 1024 * 1024];
        Arrays.fill(bytes, (byte) 'a');
        Files.write(file, bytes);

        DotSourceException e = catchThrowableOfType(DotSourceException.class, () -> DotSource.read(file));

        assertThat(e.getMessage()).isEqualTo(file + ": 10.0 MiB is over the 4 MiB limit for pipeline sources");
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void honoursAConfiguredLimit() throws IOException {
        Path file = dir.resolve("small.dot");
        Files.writeString(file, "digraph G { a } ".repeat(100));

        DotSourceException e = catchThrowableOfType(DotSourceException.class, () -> DotSource.read(file, 1024));

        assertThat(e.detail()).isEqualTo("0.0 MiB is over the 1 KiB limit for pipeline sources");
        assertThat(DotSource.read(file, 4096).text()).startsWith("digraph");
    }

    @Test
    void checksTheLimitForInMemorySourcesToo() {
        DotSourceException e = catchThrowableOfType(DotSourceException.class,
                () -> DotSource.of("x".repeat(5 * 1024 * 1024), "mem.dot"));

        assertThat(e.detail()).isEqualTo("5.0 MiB is over the 4 MiB limit for pipeline sources");
    }

    @Test
    void rejectsNonUtf8BytesWithTheLineAndColumnOfTheFirstBadByte() throws IOException {
        Path file = dir.resolve("latin1.dot");
        byte[] head = "digraph G {\n  a [label=\"Gr".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "e\"]\n}".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xFC;
        System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
        Files.write(file, bytes);

        DotSourceException e = catchThrowableOfType(DotSourceException.class, () -> DotSource.read(file));

        assertThat(e.location().line()).isEqualTo(2);
        assertThat(e.location().column()).isEqualTo(15);
        assertThat(e.getMessage()).isEqualTo(file + ":2:15: invalid UTF-8 byte 0xfc: "
                + "pipeline sources must be UTF-8 text (re-save the file as UTF-8)");
    }
}
