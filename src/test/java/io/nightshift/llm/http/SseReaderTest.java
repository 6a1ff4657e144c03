package io.nightshift.llm.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static List<SseEvent> parse(byte[] bytes, int... cuts) {
        SseReader reader = new SseReader();
        List<SseEvent> events = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            reader.feed(bytes, from, cut - from, events::add);
            from = cut;
        }
        reader.feed(bytes, from, bytes.length - from, events::add);
        reader.finish(events::add);
        return events;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesNamedEventsWithIdsAndRetry() {
        List<SseEvent> events = parse(utf8("event: message_start\nid: 7\nretry: 1500\ndata: {\"a\":1}\n\ndata: two\n\n"));
        assertThat(events).containsExactly(
                new SseEvent("message_start", "{\"a\":1}", "7", 1500L),
                new SseEvent("message", "two", "7", null));
    }

    @Test
    void joinsMultiLineDataWithNewlinesAndIgnoresComments() {
        List<SseEvent> events = parse(utf8(": keep-alive\ndata: first\n: between\ndata:second\ndata\n\n"));
        assertThat(events).containsExactly(new SseEvent("message", "first\nsecond\n", null, null));
    }

    @Test
    void acceptsCrLfAndBareCrLineEndings() {
        assertThat(parse(utf8("data: a\r\n\r\ndata: b\r\rdata: c\n\n")))
                .extracting(SseEvent::data).containsExactly("a", "b", "c");
    }

    @Test
    void aCrLfSplitAcrossChunksIsOneLineEnd() {
        byte[] bytes = utf8("data: a\r\n\r\ndata: b\r\n\r\n");
        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(parse(bytes, cut)).as("cut at %d", cut).extracting(SseEvent::data).containsExactly("a", "b");
        }
    }

    @Test
    void everySplitOfAMultiByteTranscriptGivesTheSameEvents() {
        byte[] bytes = utf8("event: delta\ndata: {\"text\":\"h\u00e9llo \u20ac \uD83D\uDE00\"}\r\n\r\n: c\ndata: \u00fc\n\n");
        List<SseEvent> whole = parse(bytes);
        assertThat(whole).extracting(SseEvent::data)
                .containsExactly("{\"text\":\"h\u00e9llo \u20ac \uD83D\uDE00\"}", "\u00fc");
        for (int a = 1; a < bytes.length; a++) {
            for (int b = a; b < bytes.length; b += 7) {
                assertThat(parse(bytes, a, b)).as("cuts %d,%d", a, b).isEqualTo(whole);
            }
        }
    }

    @Test
    void byteByByteFeedingWorks() {
        byte[] bytes = utf8("event: x\ndata: \u00e9\u00e9\n\ndata: y\n\n");
        int[] cuts = new int[bytes.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(parse(bytes, cuts)).containsExactly(new SseEvent("x", "\u00e9\u00e9", null, null),
                new SseEvent("message", "y", null, null));
    }

    @Test
    void dispatchesAFinalEventThatLacksItsBlankLine() {
        assertThat(parse(utf8("data: first\n\ndata: last"))).extracting(SseEvent::data).containsExactly("first", "last");
        assertThat(parse(utf8("data: last\n"))).extracting(SseEvent::data).containsExactly("last");
    }

    @Test
    void blankLinesWithoutDataDispatchNothingAndResetTheEventName() {
        assertThat(parse(utf8("event: lost\n\n\n\ndata: kept\n\n")))
                .containsExactly(new SseEvent("message", "kept", null, null));
    }

    @Test
    void ignoresUnknownFieldsAndNonNumericRetryAndStripsOnlyOneSpace() {
        assertThat(parse(utf8("foo: bar\nretry: 12a\ndata:  two spaces\n\n")))
                .containsExactly(new SseEvent("message", " two spaces", null, null));
    }

    @Test
    void stripsALeadingByteOrderMark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] rest = utf8("data: x\n\n");
        byte[] all = new byte[bom.length + rest.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(rest, 0, all, 3, rest.length);
        assertThat(parse(all, 1)).containsExactly(new SseEvent("message", "x", null, null));
    }
}
