package dev.kizuna.core.console;

/**
 * A feature's fragment for the shopper's account page ("My points", "My rank", …), rendered by
 * {@link ShopperViews}. Fragments appear in ascending {@link #order()}; one with nothing to show renders "".
 */
public interface ShopperView {

    String id();

    int order();

    String render(ShopperRequest request);
}
