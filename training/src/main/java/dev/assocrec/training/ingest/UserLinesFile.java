package dev.assocrec.training.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads benchmark files with one user per line, {@code user item item ...} separated by white
 * space. Blank lines are skipped; a user listed twice is an error (it would silently merge two
 * histories whose relative order is unknown).
 */
final class UserLinesFile {
    /** Receives each user line; {@code tokens[0]} is the user. */
    interface LineConsumer {
        void accept(String file, long line, String[] tokens) throws BadInputException;
    }

    private final Map<String, String> firstSeen = new HashMap<>();

    /** Reads one file; users must be unique across every file read by this instance. */
    void read(Path path, LineConsumer consumer) throws BadInputException, IOException {
        String file = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(file + ": no such file");
        }
        long lineNo = 0;
        long users = 0;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] tokens = trimmed.split("\\s+");
                String where = file + " line " + lineNo;
                String earlier = firstSeen.putIfAbsent(tokens[0], where);
                if (earlier != null) {
                    throw BadInputException.at(file, "line " + lineNo, "1 (user)", tokens[0],
                            "the user already has a line (" + earlier + ")");
                }
                consumer.accept(file, lineNo, tokens);
                users++;
            }
        }
        if (users == 0) {
            throw new BadInputException(file + ": the file is empty (expected lines 'user item item ...')");
        }
    }

    /** A token that must be a non-negative integer id. */
    static int nonNegativeInt(String file, long line, int field, String token) throws BadInputException {
        try {
            int v = Integer.parseInt(token);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw BadInputException.at(file, "line " + line, String.valueOf(field + 1) + (field == 0 ? " (user)" : " (item)"),
                token, "expected a non-negative integer id");
    }
}
