package io.nightshift.twin.cassette;

import io.nightshift.twin.TwinException;

/** A cassette that cannot be read or written, or a cassette twin that cannot start; the message says where and why. */
public final class CassetteException extends TwinException {

    public CassetteException(String message) {
        super(message);
    }

    public CassetteException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
