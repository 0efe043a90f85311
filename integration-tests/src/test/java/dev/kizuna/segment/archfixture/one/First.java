package dev.kizuna.segment.archfixture.one;

/** Half of a package cycle. */
public class First {
    public dev.kizuna.segment.archfixture.two.Second next() {
        return null;
    }
}
