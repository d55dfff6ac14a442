package io.hydrogen.ws.jetty.internal.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The published contract: the JSON Schemas and the AsyncAPI document of docs/contract, which the
 * build copies into this jar, read once and served read-only at {@code GET /api/schema}. Only the
 * files that the contract's index lists are served, so a request can name nothing else.
 */
final class ContractResources {

    /** Where the build puts docs/contract inside the jar. */
    private static final String ROOT = "/META-INF/hydrogen-ws/contract/";
    private static final String INDEX = "index.json";

    /** One file: its bytes and its media type. */
    record Resource(byte[] bytes, String contentType) {
    }

    private final Resource index;
    private final Map<String, Resource> files;

    private ContractResources(Resource index, Map<String, Resource> files) {
        this.index = index;
        this.files = files;
    }

    /** @return the contract of this jar, read on first use */
    static ContractResources get() {
        return Holder.INSTANCE;
    }

    /** @return {@code index.json}: the version and the names of the files */
    Resource index() {
        return index;
    }

    /** @return the named file, or {@code null} if the contract has none of that name */
    Resource file(String name) {
        return files.get(name);
    }

    private static final class Holder {
        static final ContractResources INSTANCE = load();
    }

    private static ContractResources load() {
        byte[] index = read(INDEX);
        Map<String, Resource> files = new LinkedHashMap<>();
        JsonElement names = JsonParser.parseString(new String(index, StandardCharsets.UTF_8))
                .getAsJsonObject().get("files");
        for (JsonElement name : names.getAsJsonArray()) {
            String file = name.getAsString();
            files.put(file, new Resource(read(file), contentType(file)));
        }
        return new ContractResources(new Resource(index, "application/json"), Map.copyOf(files));
    }

    private static String contentType(String file) {
        if (file.endsWith(".yaml")) {
            return "application/yaml";
        }
        return file.endsWith(".schema.json") ? "application/schema+json" : "application/json";
    }

    private static byte[] read(String file) {
        try (InputStream in = ContractResources.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                // The build copies docs/contract here; without it the jar is broken, not the request.
                throw new IllegalStateException("the contract file " + ROOT + file + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the contract file " + ROOT + file + " failed", e);
        }
    }
}
