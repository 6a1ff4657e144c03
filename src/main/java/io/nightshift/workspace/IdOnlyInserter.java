package io.nightshift.workspace;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/** Computes object ids as if inserting, and stores nothing: for comparing the working tree without writing blobs. */
final class IdOnlyInserter extends ObjectInserter.Formatter {

    @Override
    public ObjectId insert(int objectType, long length, InputStream in) throws IOException {
        return idFor(objectType, length, in);
    }
}
