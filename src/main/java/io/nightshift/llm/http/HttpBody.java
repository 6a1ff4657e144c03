package io.nightshift.llm.http;

import java.net.http.HttpHeaders;

/** A successful (status below 400) response whose body is still to be read. */
public record HttpBody(int status, HttpHeaders headers, BodySource body) {
}
