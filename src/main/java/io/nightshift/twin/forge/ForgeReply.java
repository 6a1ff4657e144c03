package io.nightshift.twin.forge;

import com.fasterxml.jackson.databind.JsonNode;

/** A forge twin's answer: a status and a JSON body. */
record ForgeReply(int status, JsonNode body) {
}
