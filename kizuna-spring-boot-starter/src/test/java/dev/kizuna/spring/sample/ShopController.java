package dev.kizuna.spring.sample;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's checkout for a signed-in shopper; answers the order's figures as a plain line. */
@RestController
class ShopController {
    private final Checkout checkout;

    ShopController(Checkout checkout) {
        this.checkout = checkout;
    }

    @PostMapping(path = "/shop/checkout", produces = MediaType.TEXT_PLAIN_VALUE)
    String checkout(Authentication shopper, HttpServletRequest request, @RequestParam String sku,
                    @RequestParam int quantity, @RequestParam long unitPrice,
                    @RequestParam(defaultValue = "0") long points, @RequestParam(required = false) String coupon) {
        Checkout.Placed p = checkout.place(shopper.getName(), sku, quantity, unitPrice, points, coupon,
                request.getRemoteAddr());
        return "order=%s merchandise=%d discount=%d points=%d total=%d".formatted(p.orderId(), p.merchandise(),
                p.discount(), p.pointsRedeemed(), p.grandTotal());
    }
}
