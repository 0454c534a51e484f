package dev.mache.graph;

/**
 * A construct that defines or references something.
 *
 * @param nodeId   the construct's directory id
 * @param sourceId the repository path of the file it comes from
 */
public record Ref(String nodeId, String sourceId) {
}
