package dev.sluice.app.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code store:}: {@code sqlite} (the file {@code <data_dir>/sluice.db}, the default),
 * {@code sqlite:PATH} (relative to the configuration file) or {@code postgresql://USER:${env:PW}@HOST:PORT/DB}.
 */
final class StoreSection {

    private static final String FORMAT = "expected sqlite, sqlite:PATH or postgresql://USER:${env:PW}@HOST:PORT/DB";

    private StoreSection() {
    }

    /** @param dataDir the data directory if it parsed; the default store lives there */
    static Optional<StoreConfig> read(MappingReader root, ReadContext context, Optional<Path> dataDir) {
        Path defaultFile = dataDir.orElse(context.baseDir().resolve("data")).resolve("sluice.db");
        return root.orDefault("store", parser(context, defaultFile), new StoreConfig.Sqlite(defaultFile));
    }

    private static ValueParser<StoreConfig> parser(ReadContext context, Path defaultFile) {
        return node -> {
            String text = Values.scalar(node, "a string").text().strip();
            if (text.equals("sqlite")) {
                return new StoreConfig.Sqlite(defaultFile);
            }
            if (text.startsWith("sqlite:")) {
                String path = text.substring("sqlite:".length());
                if (path.isBlank() || SecretReferences.containsReference(path)) {
                    throw new InvalidValue("sqlite:PATH needs a plain file path");
                }
                return new StoreConfig.Sqlite(Values.path(context.baseDir()).parse(
                        new YamlScalar(path, YamlScalar.Type.STRING, node.location())));
            }
            if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
                return PostgresStoreUrl.parse(text, context);
            }
            // Not quoted back: an unrecognised URL may still carry a password.
            throw new InvalidValue("unsupported store (" + FORMAT + ")");
        };
    }
}
