package dev.ringmaster.app.docking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.app.docking.LayoutNode.Orientation;
import dev.ringmaster.app.docking.LayoutNode.Split;
import dev.ringmaster.app.docking.LayoutNode.Tabs;
import dev.ringmaster.app.prefs.ConfigFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockLayoutTest {
    private static DockLayout decode(String json) throws ConfigFormatException {
        return DockLayout.CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String problem(String json) {
        return assertThrows(ConfigFormatException.class, () -> decode(json)).getMessage();
    }

    private static void assertProblem(String json, String expected) {
        String message = problem(json);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void theDefaultManagerLayoutIsWrittenAsDocumentedAndReadBackEqual() throws ConfigFormatException {
        DockLayout layout = DefaultLayouts.manager();
        String json = new String(DockLayout.CODEC.encode(layout), StandardCharsets.UTF_8);
        assertEquals("""
                {
                  "format" : 1,
                  "root" : {
                    "type" : "split",
                    "orientation" : "vertical",
                    "fixed" : false,
                    "dividers" : [ 0.72 ],
                    "children" : [ {
                      "type" : "split",
                      "orientation" : "horizontal",
                      "fixed" : false,
                      "dividers" : [ 0.68 ],
                      "children" : [ {
                        "type" : "tabs",
                        "fixed" : false,
                        "panes" : [ "vm-list" ],
                        "selected" : null
                      }, {
                        "type" : "tabs",
                        "fixed" : true,
                        "panes" : [ "details" ],
                        "selected" : null
                      } ]
                    }, {
                      "type" : "tabs",
                      "fixed" : true,
                      "panes" : [ "event-log" ],
                      "selected" : null
                    } ]
                  }
                }
                """, json);
        assertEquals(layout, decode(json));
        assertEquals(List.of(PaneIds.VM_LIST, PaneIds.DETAILS, PaneIds.EVENT_LOG), layout.panes());
    }

    @Test
    void optionalFieldsMayBeLeftOutAndAnEmptyDockIsANullRoot() throws ConfigFormatException {
        assertEquals(DockLayout.of(new Tabs("details")), decode("{\"format\":1,\"root\":{\"type\":\"tabs\",\"panes\":[\"details\"]}}"));
        assertEquals(DockLayout.EMPTY, decode("{\"format\":1,\"root\":null}"));
    }

    @Test
    void shapesThatCannotBeBuiltAreRejectedNamingTheProblem() {
        String head = "{\"format\":1,\"root\":";
        assertProblem(head + "{\"type\":\"split\",\"orientation\":\"vertical\",\"dividers\":[0.5,0.6],"
                + "\"children\":[{\"type\":\"tabs\",\"panes\":[\"a\"]},{\"type\":\"tabs\",\"panes\":[\"b\"]}]}}", "2 children needs 1 divider positions, found 2");
        assertProblem(head + "{\"type\":\"split\",\"orientation\":\"vertical\",\"dividers\":[1.5],"
                + "\"children\":[{\"type\":\"tabs\",\"panes\":[\"a\"]},{\"type\":\"tabs\",\"panes\":[\"b\"]}]}}", "divider position 1.5 is not between 0 and 1");
        assertProblem(head + "{\"type\":\"split\",\"orientation\":\"vertical\",\"dividers\":[0.5],"
                + "\"children\":[{\"type\":\"tabs\",\"panes\":[\"a\"]},{\"type\":\"tabs\",\"panes\":[\"a\"]}]}}", "pane \"a\" appears more than once");
        assertProblem(head + "{\"type\":\"split\",\"orientation\":\"diagonal\",\"dividers\":[],"
                + "\"children\":[{\"type\":\"tabs\",\"panes\":[\"a\"]}]}}", "orientation");
        assertProblem(head + "{\"type\":\"tabs\",\"panes\":[]}}", "at least one pane");
        assertProblem(head + "{\"type\":\"tabs\",\"panes\":[\"A b\"]}}", "\"A b\" is not a pane id");
        assertProblem(head + "{\"type\":\"tabs\",\"panes\":[\"a\"],\"selected\":\"b\"}}", "not in the group");
        assertProblem(head + "{\"type\":\"window\"}}", "window");
        assertProblem("{\"format\":7,\"root\":null}", "format 7 is not 1");
    }

    @Test
    void sharesAddUpToTheWhole() {
        Split s = new Split(Orientation.HORIZONTAL, List.of(0.2, 0.7),
                List.of(new Tabs("a"), new Tabs("b"), new Tabs("c")));
        assertEquals(0.2, s.share(0), 1e-12);
        assertEquals(0.5, s.share(1), 1e-12);
        assertEquals(0.3, s.share(2), 1e-12);
        assertEquals(s, s.with(s.children(), s.shares()));
    }
}
