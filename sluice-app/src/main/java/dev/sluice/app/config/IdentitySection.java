package dev.sluice.app.config;

import dev.sluice.core.identity.IssuerSpec;
import dev.sluice.core.identity.JwksSource;
import dev.sluice.core.identity.LocalIssuer;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code identity:}: the local issuer, external OIDC issuers and API keys. Everything is optional. */
final class IdentitySection {

    static final List<String> KEYS = List.of("local_issuer", "issuers", "api_keys");
    static final List<String> LOCAL_KEYS = List.of("enabled", "issuer", "audience", "max_ttl");
    static final List<String> ISSUER_KEYS = List.of("name", "issuer", "jwks_uri", "audience", "groups_claim",
            "username_claim", "algorithms", "clock_skew");
    static final List<String> API_KEY_KEYS = List.of("enabled");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern NOT_BLANK = Pattern.compile(".*\\S.*", Pattern.DOTALL);

    private IdentitySection() {
    }

    static Optional<IdentityConfig> read(MappingReader root, ReadContext context) {
        Optional<MappingReader> section = root.section("identity", KEYS);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        MappingReader identity = section.get();
        Optional<LocalIssuerConfig> local = identity.section("local_issuer", LOCAL_KEYS).flatMap(IdentitySection::local);
        Optional<List<ExternalIssuerConfig>> issuers = issuers(identity, context, local);
        Optional<Boolean> apiKeys = identity.section("api_keys", API_KEY_KEYS)
                .flatMap(keys -> keys.orDefault("enabled", Values.bool(), true));
        if (local.isEmpty() || issuers.isEmpty() || apiKeys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IdentityConfig(local.get(), issuers.get(), apiKeys.get()));
    }

    private static Optional<LocalIssuerConfig> local(MappingReader local) {
        LocalIssuerConfig d = LocalIssuerConfig.DEFAULTS;
        Optional<Boolean> enabled = local.orDefault("enabled", Values.bool(), d.enabled());
        Optional<String> issuer = local.orDefault("issuer", Values.string(), d.issuer());
        Optional<String> audience = local.orDefault("audience", Values.string(), d.audience());
        Optional<Duration> maxTtl = local.orDefault("max_ttl",
                Durations.between(Duration.ofMinutes(1), Duration.ofDays(30)), d.maxTtl());
        if (enabled.isEmpty() || issuer.isEmpty() || audience.isEmpty() || maxTtl.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LocalIssuerConfig(enabled.get(), issuer.get(), audience.get(), maxTtl.get()));
    }

    private static Optional<List<ExternalIssuerConfig>> issuers(MappingReader identity, ReadContext context,
                                                                Optional<LocalIssuerConfig> local) {
        Optional<List<YamlNode>> items = identity.list("issuers");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Problems problems = context.problems();
        UniqueNames names = new UniqueNames("issuer name", problems);
        UniqueNames issuerUrls = new UniqueNames("issuer", problems);
        // The gateway trusts the local issuer next to these; its iss must stay distinct or startup would refuse.
        Optional<String> localIss = local.filter(LocalIssuerConfig::enabled).map(LocalIssuerConfig::issuer);
        List<ExternalIssuerConfig> issuers = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < items.get().size(); i++) {
            Optional<MappingReader> item = MappingReader.of(items.get().get(i), identity.path("issuers") + "[" + i + "]",
                    problems, ISSUER_KEYS);
            Optional<ExternalIssuerConfig> issuer = item.flatMap(reader -> external(reader, context, names, issuerUrls,
                    localIss));
            complete &= issuer.isPresent();
            issuer.ifPresent(issuers::add);
        }
        return complete ? Optional.of(List.copyOf(issuers)) : Optional.empty();
    }

    private static Optional<ExternalIssuerConfig> external(MappingReader issuer, ReadContext context,
                                                           UniqueNames names, UniqueNames issuerUrls,
                                                           Optional<String> localIss) {
        Optional<String> name = issuer.required("name", Values.matching(NAME, "use letters, digits, '_' and '-'")
                .then(IdentitySection::notReserved));
        Optional<String> iss = issuer.required("issuer", httpUrl().then(url -> notLocal(url, localIss)));
        Optional<JwksSource> jwks = issuer.required("jwks_uri", jwksSource(context.baseDir()));
        Optional<List<String>> audiences = issuer.requiredList("audience", Values.matching(NOT_BLANK, "must not be blank"));
        Optional<String> groupsClaim = issuer.orDefault("groups_claim", Values.string(), "groups");
        Optional<String> usernameClaim = issuer.orDefault("username_claim", Values.string(), "sub");
        Optional<List<String>> algorithms = issuer.listOrDefault("algorithms", JwsAlgorithms.parser(),
                JwsAlgorithms.DEFAULT);
        Optional<Duration> skew = issuer.orDefault("clock_skew",
                Durations.between(Duration.ZERO, IssuerSpec.MAX_CLOCK_SKEW), IssuerSpec.DEFAULT_CLOCK_SKEW);
        boolean unique = name.isPresent() && names.claim(name.get(), issuer.node("name").orElseThrow(), issuer.path("name"));
        unique &= iss.isPresent() && issuerUrls.claim(iss.get(), issuer.node("issuer").orElseThrow(), issuer.path("issuer"));
        if (!unique || jwks.isEmpty() || audiences.isEmpty() || groupsClaim.isEmpty()
                || usernameClaim.isEmpty() || algorithms.isEmpty() || skew.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ExternalIssuerConfig(name.get(), iss.get(), jwks.get(), audiences.get(),
                groupsClaim.get(), usernameClaim.get(), algorithms.get(), skew.get()));
    }

    /** The local issuer is trusted under the name {@code local}; a second issuer with that name could not start. */
    private static String notReserved(String name) throws InvalidValue {
        if (name.equals(LocalIssuer.NAME)) {
            throw new InvalidValue("'" + LocalIssuer.NAME + "' is the name of the gateway's own issuer; choose another");
        }
        return name;
    }

    private static String notLocal(String iss, Optional<String> localIss) throws InvalidValue {
        if (localIss.isPresent() && localIss.get().equals(iss)) {
            throw new InvalidValue("'" + iss + "' is also identity.local_issuer.issuer; two issuers cannot share one iss");
        }
        return iss;
    }

    /**
     * An absolute http(s) URL, kept as written: the {@code iss} claim is compared as an exact string. Plain http is
     * fine here (a development Keycloak): the issuer is only a name; what proves a token is the key it verifies with.
     */
    private static ValueParser<String> httpUrl() {
        return Values.string().then(text -> {
            parseHttpUrl(text);
            return text;
        });
    }

    /**
     * An {@code https} URL ({@code http} only to a loopback address), or a local JWKS file given as a path or a
     * {@code file:} URI, which must be readable now. URLs are checked by {@link JwksSource} itself, the code the
     * gateway builds its key source with, so the check and the startup apply one rule.
     */
    private static ValueParser<JwksSource> jwksSource(Path baseDir) {
        ValueParser<Path> file = Values.readableFile(baseDir);
        return node -> {
            String text = Values.string().parse(node);
            if (text.regionMatches(true, 0, "file:", 0, "file:".length())) {
                return new JwksSource.File(file.parse(new YamlScalar(fileUriPath(text), YamlScalar.Type.STRING,
                        node.location())));
            }
            if (text.contains("://")) {
                try {
                    return JwksSource.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValue(e.getMessage());
                }
            }
            return new JwksSource.File(file.parse(node));
        };
    }

    private static String fileUriPath(String text) throws InvalidValue {
        try {
            return Path.of(new URI(text)).toString();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            throw new InvalidValue("'" + text + "' is not a valid file: URI (or write the plain path)");
        }
    }

    private static URI parseHttpUrl(String text) throws InvalidValue {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidValue("'" + text + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new InvalidValue("'" + text + "' must be an https:// or http:// URL");
        }
        return uri;
    }
}
