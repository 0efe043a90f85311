package dev.kizuna.core.testing;

import dev.kizuna.core.KizunaRuntime;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The extension behind {@link KizunaTest}: resolves {@link KizunaRuntime}, {@link ApiClient} and {@link FakeHost}
 * parameters from one installation kept in the JUnit store of the annotated class (or of the test method, with
 * {@link KizunaTest#perMethod()}), installed at the first parameter that asks and closed when that store is.
 */
public final class KizunaExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KizunaExtension.class);
    private static final Set<Class<?>> RESOLVED = Set.of(KizunaRuntime.class, ApiClient.class, FakeHost.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Installation installation = installation(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == KizunaRuntime.class) {
            return installation.runtime;
        }
        if (type == FakeHost.class) {
            return installation.host;
        }
        return installation.api();
    }

    private static Installation installation(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        KizunaTest test = annotation(owner);
        if (test.perMethod()) {
            if (context.getTestMethod().isEmpty()) {
                throw new ParameterResolutionException("@KizunaTest(perMethod = true) installs Kizuna for each test "
                        + "method: take it in the test or a @BeforeEach method, not in " + context.getDisplayName());
            }
            owner = context;
        }
        // A store also answers with its parents' values: key by owner, so that a nested class gets its own.
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(owner.getUniqueId(),
                key -> new Installation(overrides(test)), Installation.class);
    }

    /** The context of the innermost enclosing class that carries {@link KizunaTest}. */
    private static ExtensionContext owner(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<Class<?>> testClass = c.getTestClass();
            if (c.getTestMethod().isEmpty() && testClass.isPresent()
                    && testClass.get().isAnnotationPresent(KizunaTest.class)) {
                return c;
            }
        }
        throw new ExtensionConfigurationException(KizunaExtension.class.getSimpleName()
                + " resolves parameters only in a class annotated @" + KizunaTest.class.getSimpleName());
    }

    private static KizunaTest annotation(ExtensionContext classContext) {
        return classContext.getRequiredTestClass().getAnnotation(KizunaTest.class);
    }

    static Map<String, String> overrides(KizunaTest test) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : test.config()) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ExtensionConfigurationException("@KizunaTest config entry is not key=value: " + entry);
            }
            out.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return out;
    }

    /** One installed Kizuna with its host and, once asked for, a client; closed with the store that holds it. */
    static final class Installation implements ExtensionContext.Store.CloseableResource {
        final FakeHost host = new FakeHost();
        final KizunaRuntime runtime;
        private ApiClient api;

        Installation(Map<String, String> overrides) {
            runtime = TestKizuna.install(host, overrides);
        }

        synchronized ApiClient api() {
            if (api == null) {
                api = new ApiClient(runtime);
            }
            return api;
        }

        @Override
        public synchronized void close() {
            try {
                if (api != null) {
                    api.close();
                }
            } finally {
                runtime.close();
            }
        }
    }
}
