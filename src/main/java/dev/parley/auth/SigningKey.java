package dev.parley.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** The HMAC key access tokens are signed with: given by configuration, or generated once into the data dir. */
public final class SigningKey {

    private SigningKey() {}

    public static byte[] load(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) return configured.get().getBytes(StandardCharsets.UTF_8);
        Path file = dataDir.resolve("jwt.key");
        try {
            if (!Files.exists(file)) generate(file);
            byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
            if (key.length < 32) throw new IllegalStateException(file + " holds fewer than 32 bytes of key");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    private static void generate(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        try {
            // Created readable by the owner only: whoever reads it can sign in as anyone.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
    }
}
