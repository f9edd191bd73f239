package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Finding things on a page the way a screen reader would: by their labels and names. */
public final class Html {

    private Html() {}

    /** The control a {@code <label for>} with exactly this text points at. */
    public static Element labelled(Document page, String label) {
        Element l = page.select("label[for]").stream()
                .filter(e -> e.text().trim().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no label \"" + label + "\" in " + page.title()));
        Element control = page.getElementById(l.attr("for"));
        assertThat(control).as("the control labelled \"%s\"", label).isNotNull();
        return control;
    }

    public static Element button(Document page, String text) {
        return page.select("button").stream()
                .filter(b -> b.text().trim().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button \"" + text + "\" in " + page.title()));
    }

    public static boolean hasButton(Document page, String text) {
        return page.select("button").stream().anyMatch(b -> b.text().trim().equals(text));
    }

    /** The error shown beside a labelled field: the {@code role=alert} inside the field's own wrapper. */
    public static String errorBeside(Document page, String label) {
        Element field = labelled(page, label).parent();
        Element alert = field.selectFirst("[role=alert]");
        assertThat(alert).as("an alert beside \"%s\"", label).isNotNull();
        return alert.text();
    }
}
