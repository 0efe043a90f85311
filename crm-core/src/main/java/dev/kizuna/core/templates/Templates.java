package dev.kizuna.core.templates;

import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateScalarModel;
import freemarker.core.TemplateHTMLOutputModel;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * FreeMarker for every page and mail. Templates live on the classpath under {@code /kizuna/templates}, so each
 * module ships its own next to its code; {@code .ftlh} files are HTML auto-escaped. Localised variants follow
 * FreeMarker's lookup ({@code name_ja.ftlh} before {@code name.ftlh}).
 */
public final class Templates {
    private final Configuration cfg;

    public Templates() {
        cfg = new Configuration(Configuration.VERSION_2_3_33);
        cfg.setClassLoaderForTemplateLoading(Templates.class.getClassLoader(), "kizuna/templates");
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setURLEscapingCharset("UTF-8");
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setRecognizeStandardFileExtensions(true);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNumberFormat("computer");
    }

    public record Rendered(String body, Map<String, String> assigned) {
        public Optional<String> get(String name) {
            return Optional.ofNullable(assigned.get(name));
        }
    }

    public String render(String name, Locale locale, Map<String, ?> model) {
        return renderCapturing(name, locale, model).body();
    }

    /**
     * Renders and also returns the named top-level variables the template assigned (a mail template assigns
     * its {@code subject} this way, so subject and body are written and translated in one file). Captured values are
     * plain text (a mail subject is not HTML), unescaped from the template's markup.
     */
    public Rendered renderCapturing(String name, Locale locale, Map<String, ?> model, String... capture) {
        try {
            Template t = cfg.getTemplate(name, locale);
            StringWriter out = new StringWriter();
            Environment env = t.createProcessingEnvironment(model, out);
            env.setLocale(locale);
            env.process();
            Map<String, String> assigned = new java.util.HashMap<>();
            for (String var : capture) {
                TemplateModel m = env.getVariable(var);
                if (m instanceof TemplateHTMLOutputModel html) {
                    // captured with <#assign x>…</#assign> in an HTML template: escaped markup; give back the text
                    assigned.put(var, unescape(HTMLOutputFormat.INSTANCE.getMarkupString(html)));
                } else if (m instanceof TemplateScalarModel scalar) {
                    assigned.put(var, scalar.getAsString());
                }
            }
            return new Rendered(out.toString(), assigned);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("cannot render template " + name + ": " + e.getMessage(), e);
        }
    }

    private static String unescape(String markup) {
        return markup.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    public Configuration configuration() {
        return cfg;
    }
}
