package dev.parley.web;

import dev.parley.chat.ChatException;
import java.util.Map;

/** What a person typed into a form and, after a refusal, the error to show beside each field. */
public record Form(Map<String, String> values, Map<String, String> errors) {

    public static final Form EMPTY = new Form(Map.of(), Map.of());

    public static Form failed(Map<String, String> values, ChatException e, String fallbackField) {
        return new Form(values, Map.of(e.field != null ? e.field : fallbackField, e.getMessage()));
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public String error(String field) {
        return errors.get(field);
    }
}
