package dev.kizuna.core.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that runs against an installed Kizuna: {@link KizunaExtension} installs one on a fresh database (see
 * {@link TestDatabases}) with {@link TestKizuna}'s configuration plus {@link #config()}, and hands its
 * {@link dev.kizuna.core.KizunaRuntime}, an {@link ApiClient} on it and its {@link FakeHost} to any constructor, test,
 * {@code @BeforeAll} or {@code @BeforeEach} method that declares them as parameters. They are closed after the class.
 *
 * <pre>{@code
 * @KizunaTest(config = "kizuna.points.return-window-days=14")
 * class ReturnsTest {
 *     @Test
 *     void a_return_reverses_the_points(KizunaRuntime kizuna, ApiClient api) { … }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KizunaExtension.class)
public @interface KizunaTest {

    /** Configuration overrides, each {@code key=value}, on top of {@link TestKizuna#config(String)}. */
    String[] config() default {};

    /**
     * A fresh runtime on a fresh database for every test method, closed after it, for tests that assert on the whole
     * database (counts, every mail, a global setting). Then the runtime can't be injected into {@code @BeforeAll}
     * methods or a class-wide test instance; by default one runtime serves the whole class.
     */
    boolean perMethod() default false;
}
