package dev.nabla.nn.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a checkpoint needs besides tensors to resume a run bit-identically: the {@code state.json}
 * of a checkpoint directory.
 * <pre>{@code
 * {"format":"nabla-checkpoint","format_version":1,"nabla_version":"0.1.0",
 *  "model":"cnn","activation":"srs(alpha=2,beta=3)","epoch":3,"step":1200,"rng_seed":42,
 *  "schedule":{"last_epoch":3.0,"lr":0.025}}
 * }</pre>
 *
 * @param model        the model's name in the zoo, e.g. {@code "cnn"}
 * @param activation   the activation spec, e.g. {@code "srs(alpha=2,beta=3)"}
 * @param epoch        epochs completed
 * @param step         optimizer steps completed
 * @param rngSeed      the run's seed; Nabla's generators are splittable and deterministic, so
 *                     the shuffling and dropout streams of any epoch are derived from it
 * @param schedule     the learning-rate schedule's state (its {@code stateDict}), finite numbers by name
 * @param nablaVersion the Nabla version that wrote the checkpoint
 */
public record TrainingState(String model, String activation, long epoch, long step, long rngSeed,
                            Map<String, Double> schedule, String nablaVersion) {
    static final String FORMAT = "nabla-checkpoint";
    static final int FORMAT_VERSION = 1;

    public TrainingState {
        if (model == null || activation == null || nablaVersion == null) {
            throw new IllegalArgumentException("TrainingState: model, activation and nablaVersion must not be null");
        }
        if (epoch < 0 || step < 0) throw new IllegalArgumentException("TrainingState: epoch and step must be >= 0, got " + epoch + ", " + step);
        schedule = new TreeMap<>(schedule);
        schedule.forEach((k, v) -> {
            if (v == null || !Double.isFinite(v)) throw new IllegalArgumentException("TrainingState: schedule value '" + k + "' must be finite, got " + v);
        });
        schedule = Collections.unmodifiableMap(schedule);
    }

    /** A state stamped with the running Nabla's version. */
    public static TrainingState of(String model, String activation, long epoch, long step, long rngSeed, Map<String, Double> schedule) {
        return new TrainingState(model, activation, epoch, step, rngSeed, schedule, runningVersion());
    }

    /** This Nabla's version (the module version), or {@code "unknown"} when run from plain classes. */
    public static String runningVersion() {
        var descriptor = TrainingState.class.getModule().getDescriptor();
        return descriptor == null ? "unknown" : descriptor.rawVersion().orElse("unknown");
    }

    /** The JSON of {@code state.json}. */
    byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Safetensors.JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("format_version", FORMAT_VERSION);
            g.writeStringField("nabla_version", nablaVersion);
            g.writeStringField("model", model);
            g.writeStringField("activation", activation);
            g.writeNumberField("epoch", epoch);
            g.writeNumberField("step", step);
            g.writeNumberField("rng_seed", rngSeed);
            g.writeObjectFieldStart("schedule");
            for (Map.Entry<String, Double> e : schedule.entrySet()) g.writeNumberField(e.getKey(), e.getValue());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new AssertionError("ByteArrayOutputStream does not throw", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Parses {@code state.json}; {@code source} names it in errors. Unknown fields are ignored. */
    static TrainingState parse(byte[] json, String source) throws IOException {
        String model = null, activation = null, version = null, format = null;
        Long epoch = null, step = null, seed = null, formatVersion = null;
        Map<String, Double> schedule = null;
        try (JsonParser p = Safetensors.JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw error(source, "not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                switch (field) {
                    case "format" -> format = string(p, source, field);
                    case "format_version" -> formatVersion = integer(p, source, field);
                    case "nabla_version" -> version = string(p, source, field);
                    case "model" -> model = string(p, source, field);
                    case "activation" -> activation = string(p, source, field);
                    case "epoch" -> epoch = integer(p, source, field);
                    case "step" -> step = integer(p, source, field);
                    case "rng_seed" -> seed = integer(p, source, field);
                    case "schedule" -> schedule = numbers(p, source);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) throw error(source, "data after the JSON object");
        } catch (JsonProcessingException e) {
            throw error(source, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!FORMAT.equals(format)) throw error(source, "\"format\" must be \"" + FORMAT + "\", got " + (format == null ? "nothing" : "\"" + format + "\""));
        if (formatVersion == null || formatVersion != FORMAT_VERSION) {
            throw error(source, "unsupported format_version " + formatVersion + " (this Nabla reads " + FORMAT_VERSION + ")");
        }
        if (model == null || activation == null || version == null || epoch == null || step == null || seed == null || schedule == null) {
            throw error(source, "needs model, activation, nabla_version, epoch, step, rng_seed and schedule");
        }
        try {
            return new TrainingState(model, activation, epoch, step, seed, schedule, version);
        } catch (IllegalArgumentException e) {
            throw error(source, e.getMessage());
        }
    }

    private static String string(JsonParser p, String source, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw error(source, "\"" + field + "\" must be a string");
        return p.getText();
    }

    private static long integer(JsonParser p, String source, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
            throw error(source, "\"" + field + "\" must be a 64-bit integer");
        }
        return p.getLongValue();
    }

    private static Map<String, Double> numbers(JsonParser p, String source) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw error(source, "\"schedule\" must be an object of numbers");
        Map<String, Double> out = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.getCurrentName();
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) throw error(source, "schedule value '" + key + "' must be a number");
            if (out.put(key, p.getDoubleValue()) != null) throw error(source, "duplicate schedule key '" + key + "'");
        }
        return out;
    }

    private static IOException error(String source, String problem) {
        return new IOException(source + ": " + problem);
    }
}
