package io.nightshift.llm.provider;

import io.nightshift.llm.LlmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * Resolves media given as URL, bytes or local path (unified-llm-spec 3.5) into either a remote URL or inline
 * base64 data with a MIME type.
 */
public record Media(String url, String base64, String mediaType) {

    public boolean inline() {
        return base64 != null;
    }

    /** The data as a {@code data:} URI (inline media only). */
    public String dataUri() {
        return "data:" + mediaType + ";base64," + base64;
    }

    public static Media resolve(String url, byte[] data, String mediaType, String fallbackType) {
        if (data != null) {
            return new Media(null, Base64.getEncoder().encodeToString(data), mediaType == null ? fallbackType : mediaType);
        }
        if (url == null) {
            throw new LlmException("a media part has neither a URL nor data", false);
        }
        if (url.startsWith("/") || url.startsWith("./") || url.startsWith("~")) {
            Path path = Path.of(url.startsWith("~") ? System.getProperty("user.home") + url.substring(1) : url);
            try {
                byte[] bytes = Files.readAllBytes(path);
                String type = mediaType != null ? mediaType : typeOf(path.getFileName().toString(), fallbackType);
                return new Media(null, Base64.getEncoder().encodeToString(bytes), type);
            } catch (IOException e) {
                throw new LlmException("cannot read media file " + path + ": " + e.getMessage()
                        + " (give an existing file, a URL or the bytes)", false, e);
            }
        }
        return new Media(url, null, mediaType != null ? mediaType : typeOf(url, fallbackType));
    }

    static String typeOf(String name, String fallback) {
        String n = name.toLowerCase(Locale.ROOT);
        int q = n.indexOf('?');
        if (q >= 0) {
            n = n.substring(0, q);
        }
        if (n.endsWith(".png")) return "image/png";
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) return "image/jpeg";
        if (n.endsWith(".gif")) return "image/gif";
        if (n.endsWith(".webp")) return "image/webp";
        if (n.endsWith(".heic")) return "image/heic";
        if (n.endsWith(".heif")) return "image/heif";
        if (n.endsWith(".pdf")) return "application/pdf";
        if (n.endsWith(".wav")) return "audio/wav";
        if (n.endsWith(".mp3")) return "audio/mp3";
        if (n.endsWith(".txt")) return "text/plain";
        return fallback;
    }
}
