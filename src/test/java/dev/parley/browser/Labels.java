package dev.parley.browser;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * Finds controls by the words a person (or a screen reader) goes by, so a test breaks when a
 * label goes missing, and not when markup or CSS classes change.
 */
final class Labels {

    private Labels() {}

    /** The input, textarea or select that a {@code <label>} with exactly this text names, by {@code for} or by nesting. */
    static By field(String label) {
        return new By() {
            @Override
            public List<WebElement> findElements(SearchContext context) {
                List<WebElement> found = new ArrayList<>();
                for (WebElement l :
                        context.findElements(By.xpath(".//label[normalize-space()=" + literal(label) + "]"))) {
                    String target = l.getDomAttribute("for");
                    found.addAll(
                            target == null
                                    ? l.findElements(By.cssSelector("input, textarea, select"))
                                    : context.findElements(By.id(target)));
                }
                return found;
            }

            @Override
            public String toString() {
                return "field labelled \"" + label + "\"";
            }
        };
    }

    /** A button whose visible text is exactly this. */
    static By button(String name) {
        return By.xpath("//button[normalize-space()=" + literal(name) + "]");
    }

    private static String literal(String text) {
        if (text.contains("'")) throw new IllegalArgumentException("no quotes in labels, please: " + text);
        return "'" + text + "'";
    }
}
