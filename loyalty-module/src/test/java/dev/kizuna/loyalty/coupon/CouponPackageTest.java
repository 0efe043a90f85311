package dev.kizuna.loyalty.coupon;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Birthday coupons build on campaigns; campaigns never name the birthday feature. */
class CouponPackageTest {

    @Test
    void the_coupon_package_does_not_depend_on_the_birthday_package() throws IOException {
        Path coupon = Path.of("src/main/java/dev/kizuna/loyalty/coupon");
        assertThat(coupon).isDirectory();
        try (Stream<Path> files = Files.walk(coupon)) {
            List<Path> naming = files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.readString(f).contains("dev.kizuna.loyalty.birthday");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(naming).isEmpty();
        }
    }
}
