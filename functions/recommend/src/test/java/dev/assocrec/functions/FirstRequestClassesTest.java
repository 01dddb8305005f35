package dev.assocrec.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The recorded boot and first-request class lists still name this build's classes: a dependency upgrade that
 * renames the request path fails here, instead of silently turning the warm-up into lookups of nothing.
 */
class FirstRequestClassesTest {
    private final ClassLoader loader = FirstRequestClassesTest.class.getClassLoader();

    @Test
    void theShippedListsNameClassesOfThisBuild() {
        assertListed(FirstRequestClasses.RESOURCE, 200);
        assertListed(FirstRequestClasses.BOOT_RESOURCE, 2000);
    }

    private void assertListed(String resource, int atLeast) {
        List<String> names = FirstRequestClasses.names(loader, resource);
        assertTrue(names.size() >= atLeast, resource + " has " + names.size() + " classes");
        for (String name : names) {
            assertTrue(name.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+"), "not a class name: '" + name + "'");
        }
        int missing = FirstRequestClasses.load(names, loader);
        assertTrue(missing <= names.size() / 20, missing + " of " + names.size() + " classes listed in " + resource
                + " no longer exist: re-record the lists (README \"Cold start\")");
    }

    @Test
    void loadingDoesNotInitialiseAndSkipsWhatIsGone() throws Exception {
        String name = FirstRequestClassesTest.class.getName() + "$NotYetInitialised";
        List<String> names = new ArrayList<>(List.of(name, "dev.assocrec.functions.NoSuchClass"));
        assertEquals(1, FirstRequestClasses.load(names, loader));
        assertFalse(INITIALISED.get(), "loaded, not initialised");
        Class.forName(name, true, loader);
        assertTrue(INITIALISED.get());
    }

    private static final AtomicBoolean INITIALISED = new AtomicBoolean();

    @SuppressWarnings("unused") // loaded by name only
    static final class NotYetInitialised {
        static {
            INITIALISED.set(true);
        }
    }
}
