package dev.assocrec.functions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads, on a spare core while Quarkus boots, the classes that the boot and the first request would otherwise
 * load on the main thread's clock. A cold start's boot loads ~3,000 classes from the package (Quarkus's static
 * and run-time init: class loading is its critical path, README "Cold start"), and its first
 * {@code POST /recommend} ~360 more (the Vert.x/Netty request path behind Quarkus's Lambda HTTP adapter, Funqy,
 * Jackson): about half of that request's time. Their names are listed, in the order a real cold start loaded
 * them, in {@value #BOOT_RESOURCE} and {@value #RESOURCE} ({@code StartupBench classlist=…}). The boot's list
 * goes first, so that this thread runs just ahead of the main thread, which then finds most of its classes
 * loaded. Classes are only loaded and linked, never initialised, so no static initialiser runs earlier or on
 * another thread than it would anyway; a name that no longer exists (a dependency upgrade) is skipped, and
 * only costs the lookup.
 */
public final class FirstRequestClasses {
    static final String RESOURCE = "META-INF/assocrec/first-request-classes.txt";
    static final String BOOT_RESOURCE = "META-INF/assocrec/boot-classes.txt";
    /** Set to false to record a fresh list (the recording must see the first request load them). */
    static final String ENABLED_PROPERTY = "assocrec.preload-classes";

    private FirstRequestClasses() {}

    /** Starts the background load; returns at once. */
    public static void preloadInBackground() {
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) {
            return;
        }
        ClassLoader loader = FirstRequestClasses.class.getClassLoader();
        Thread t = new Thread(() -> {
            load(names(loader, BOOT_RESOURCE), loader);
            load(names(loader, RESOURCE), loader);
        }, "assocrec-preload-classes");
        t.setDaemon(true);
        t.start();
    }

    /** Loads each class without initialising it; returns how many could not be found. */
    static int load(List<String> names, ClassLoader loader) {
        int missing = 0;
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing++;
            }
        }
        return missing;
    }

    /** The listed class names; blank lines and {@code #} comments skipped; empty if the list is absent. */
    static List<String> names(ClassLoader loader, String resource) {
        List<String> names = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return names;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    names.add(line);
                }
            }
        } catch (IOException e) {
            // A warm-up only: without the list the first request loads its classes itself.
        }
        return names;
    }
}
