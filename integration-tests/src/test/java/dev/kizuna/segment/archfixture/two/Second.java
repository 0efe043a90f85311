package dev.kizuna.segment.archfixture.two;

/** The other half of a package cycle. */
public class Second {
    public dev.kizuna.segment.archfixture.one.First back() {
        return null;
    }
}
