package dev.sluice.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.sluice.core.audit.AuditChain;
import dev.sluice.core.audit.AuditEvent;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;

/**
 * The payload text of an audit event: the event record as a JSON object, its components in declaration order,
 * without {@code sessionId} and {@code at} (they are columns of their own and hashed as such). Sets are written
 * sorted and times in the chain's canonical form, so the same event always gives the same text.
 */
final class AuditEventJson {

    /*
     * Events are serialised on the session threads, which are virtual threads. Jackson's default buffer recycler
     * pool is per thread, so every session would keep its own pair of buffers (~17 KB) for as long as it lives;
     * one shared pool keeps that at a few buffers for the whole gateway.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                    .build())
            .addMixIn(AuditEvent.class, WithoutEnvelope.class)
            .addModule(new SimpleModule("sluice-audit")
                    .addSerializer(new CanonicalInstantSerializer())
                    .addSerializer(new SortedSetSerializer()))
            .build();

    private AuditEventJson() {
    }

    static String payload(AuditEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            // Records of strings, numbers and collections always serialise; say which type did not, nothing more.
            throw new IllegalStateException("cannot serialise audit event of type " + event.type(), null);
        }
    }

    /** The JSON mapper used for the store's own JSON columns (API key groups). */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    @JsonIgnoreProperties({"sessionId", "at"})
    private interface WithoutEnvelope {
    }

    private static final class CanonicalInstantSerializer extends StdSerializer<Instant> {

        CanonicalInstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(AuditChain.canonicalTime(value));
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class SortedSetSerializer extends StdSerializer<Set> {

        SortedSetSerializer() {
            super(Set.class);
        }

        @Override
        public void serialize(Set value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            Object[] sorted = value.toArray();
            java.util.Arrays.sort(sorted, Comparator.comparing(String::valueOf));
            gen.writeStartArray();
            for (Object element : sorted) {
                provider.defaultSerializeValue(element, gen);
            }
            gen.writeEndArray();
        }
    }
}
